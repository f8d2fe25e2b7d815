// The messages of the commands and of src/io in Chinese, and their English text exactly as kam
// wrote it before the catalogs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listedNotes, parseAsOf, parseCount } from '../../src/commands/common.js';
import { withWeights } from '../../src/commands/score.js';
import { DEFAULT_CONFIG } from '../../src/core/config-defaults.js';
import { KamError } from '../../src/errors.js';
import { ENGLISH, i18n, msg, setTranslator, translatorFor } from '../../src/i18n/index.js';
import { writeErrorMessage } from '../../src/io/safe-write.js';
import { openWorkspace } from '../../src/io/workspace.js';

afterEach(() => setTranslator(ENGLISH));

function thrown(run: () => unknown): KamError {
  try {
    run();
  } catch (err) {
    if (err instanceof KamError) return err;
    throw err;
  }
  throw new Error('nothing thrown');
}

const said = (err: KamError) => (err.text !== undefined ? i18n().render(err.text) : err.message);

describe('English is the text kam always wrote', () => {
  it.each([
    [msg('cli.workspace.not-found', { file: 'kam.yaml', dir: '/w' }), 'no kam.yaml found in /w or any parent folder; run `kam init`, or pass -C <dir> or --config <file>'],
    [msg('cli.plans.no-match', { patterns: 'accounts/*.yaml', dir: '/w', file: 'kam.yaml' }), 'no plan files match plans: accounts/*.yaml in /w; add plans (kam new <name>) or fix `plans` in kam.yaml'],
    [msg('cli.git.unknown-revision', { revision: 'v9', repo: '/r' }), 'unknown revision "v9": no such commit in /r.'],
    [
      msg('cli.git.unknown-revision.shallow', { revision: 'v9', repo: '/r' }),
      'unknown revision "v9": no such commit in /r. This is a shallow clone: fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0).',
    ],
    [msg('cli.revision.no-config.top', { file: 'kam.yaml', commit: 'abcdef123456' }), 'no kam.yaml at abcdef123456 in the repository top or above; that revision has no kam workspace'],
    [msg('cli.tier.unknown.guess', { tier: 'stratgic', guess: 'strategic', tiers: 'strategic, key' }), '--tier stratgic: no such tier; did you mean "strategic"? (tiers: strategic, key)'],
    [msg('cli.max-warnings', { count: 1, max: 0 }), '1 warnings, more than --max-warnings 0'],
    [msg('cli.report.wrote', { file: 'r.html', size: 12, accounts: 3 }), 'wrote r.html (12 KiB, 3 accounts)'],
    [msg('cli.locale.unknown', { where: '--locale', value: 'fr', locales: 'en, zh-CN' }), '--locale: unknown locale "fr" (kam speaks en, zh-CN)'],
  ])('%o', (message, text) => {
    expect(ENGLISH.render(message)).toBe(text);
  });

  it('a failed write names the file and the cause', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(writeErrorMessage('stdout', err)).toBe('cannot write stdout: no space left on device (ENOSPC)');
    const other = Object.assign(new Error('ECONNRESET: connection reset by peer, write'), { code: 'ECONNRESET' });
    expect(writeErrorMessage('report.html', other)).toBe('cannot write report.html: connection reset by peer (ECONNRESET)');
  });

  it('the notes list the first problems and count the rest', () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({ file: `a${i}.yaml`, line: 1, column: 1, message: 'bad' }));
    expect(listedNotes('kam: heading', problems).at(-1)).toBe('  … and 2 more (run kam check)');
  });
});

describe('in Chinese', () => {
  it('usage errors of the options', async () => {
    setTranslator(await translatorFor('zh-CN'));
    const asOf = thrown(() => parseAsOf('2026-02-30'));
    expect(said(asOf)).toBe('--as-of 需要 YYYY-MM-DD 格式的日期，收到的是“2026-02-30”');
    expect(asOf.message).toBe('--as-of expects a date as YYYY-MM-DD, got "2026-02-30"');
    expect(said(thrown(() => parseCount('--top', 'ten')))).toBe('--top 需要一个 ≥ 0 的整数，收到的是“ten”');
    expect(said(thrown(() => withWeights(DEFAULT_CONFIG, ['revnue=3'])))).toBe('--weight revnue：没有这个评分项；是不是想用“revenue”？（现有评分项：revenue, cumulativeVolume, influence, techProspects）');
    expect(said(thrown(() => withWeights(DEFAULT_CONFIG, ['revenue=0', 'cumulativeVolume=0', 'influence=0', 'techProspects=0'])))).toBe('--weight：权重之和必须大于 0');
  });

  it('no workspace: the error says what to run', async () => {
    setTranslator(await translatorFor('zh-CN'));
    const dir = mkdtempSync(join(tmpdir(), 'kam-cli-zh-unit-'));
    const err = thrown(() => openWorkspace({ cwd: dir }));
    expect(err.exitCode).toBe(2);
    expect(said(err)).toMatch(/^在 .+ 及其上级文件夹中都没有找到 kam\.yaml；请运行 `kam init`，或用 -C <dir>、--config <file> 指定$/);
    expect(said(thrown(() => openWorkspace({ cwd: join(dir, 'gone') })))).toBe(`无法在 ${join(dir, 'gone')} 中运行：目录不存在`);
  });

  it('a failed write, its cause in Chinese too', async () => {
    setTranslator(await translatorFor('zh-CN'));
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(writeErrorMessage('report.html', err)).toBe('无法写入 report.html：设备上没有剩余空间（ENOSPC）');
  });

  it('the count of problems not listed', async () => {
    setTranslator(await translatorFor('zh-CN'));
    const problems = Array.from({ length: 11 }, (_, i) => ({ file: `a${i}.yaml`, line: 1, column: 1, message: 'bad' }));
    expect(listedNotes('kam: heading', problems).at(-1)).toBe('  ……另有 1 个（请运行 kam check）');
  });
});
