// The validation rules and kam.yaml's problems in Chinese (issue 18): every finding they make
// carries its message as data (`text`), whose English rendering is the `message` kam always
// wrote, and whose Chinese rendering is a native sentence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/core/baseline.js';
import { checkPlans } from '../../src/core/check.js';
import { parseConfig } from '../../src/core/config-file.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { Finding } from '../../src/core/findings.js';
import { english, ENGLISH, i18n, setTranslator, translatorFor, type Message } from '../../src/i18n/index.js';
import { loadRef } from '../../src/io/plan-shard.js';
import { reasonWord } from '../../src/io/read-file.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const AS_OF = '2026-11-23';

function check(files: Record<string, string>): Finding[] {
  const sources = Object.entries(files).map(([file, text]) => ({ file, bytes: utf8(text) }));
  return checkPlans(sources, DEFAULT_CONFIG, { asOf: AS_OF }).findings;
}

/** The findings of a rule in Chinese (each must carry its message as data, rendered to its English message). */
function zh(findings: readonly Finding[], rule: Finding['rule']): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => {
    expect(f.text, `${f.rule}: ${f.message}`).toBeDefined();
    expect(english(f.text!)).toBe(f.message);
    return i18n().render(f.text!);
  });
}

beforeEach(async () => setTranslator(await translatorFor('zh-CN')));
afterEach(() => setTranslator(ENGLISH));

describe('validation findings in Chinese', () => {
  it('every finding of the validation rules has its message as data', () => {
    const findings = check({
      'accounts/a.yaml': 'id: a\nname: A\nname: B\n',
      'accounts/b.yaml': 'id: b\nname: B\nowne: Jane\nrelationships:\n  - { name: Li, role: coch }\n',
      'accounts/c.yaml': '# kam-disable-next-line no-coch -- legacy\nid: b\nname: C\ntier: strategc\n',
    });
    expect(findings.length).toBeGreaterThan(4);
    for (const f of findings) {
      expect(f.text, `${f.rule}: ${f.message}`).toBeDefined();
      expect(english(f.text!)).toBe(f.message);
    }
  });

  it('yaml-syntax: a duplicate key, a tab, bad bytes', () => {
    const findings = check({
      'accounts/a.yaml': 'id: a\nname: A\nname: B\n',
      'accounts/b.yaml': 'id: b\nrelationships:\n\t- name: Li\n',
    });
    const sentences = zh(findings, 'yaml-syntax');
    expect(sentences).toEqual([
      '同一个映射中这个键出现了两次：请只保留一个（Map keys must be unique）',
      '不能用制表符（Tab）缩进：请改用空格（Tabs are not allowed as indentation）',
    ]);
    const bytes = checkPlans([{ file: 'accounts/d.yaml', bytes: new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xc4, 0xe3, 0x0a]) }], DEFAULT_CONFIG, { asOf: AS_OF }).findings;
    expect(zh(bytes, 'yaml-syntax')).toEqual(['包含无效的 UTF-8 字节序列：请将文件另存为 UTF-8 编码（它看起来是 Latin-1 或 GBK 等旧编码）']);
  });

  it('schema: wrong type, unknown enum value (with its display name), missing key, bad date, empty file', () => {
    const findings = check({
      'accounts/a.yaml': [
        'id: a',
        'metrics:',
        '  revenue: { 2024: lots }',
        'relationships:',
        '  - { name: Li, role: coch }',
        'engagements:',
        '  - { type: pilot, date: 2026-13-01 }',
        '',
      ].join('\n'),
      'accounts/e.yaml': '',
    });
    const sentences = zh(findings, 'schema');
    expect(sentences).toContain('“metrics.revenue.2024”应为数字，实际是文本“lots”');
    expect(sentences).toContain(
      '“relationships[0].role”只能取以下值之一：decision-maker, economic-buyer, technical-evaluator, user, influencer, coach, gatekeeper；实际写的是“coch”，是否想写“coach”（教练）？',
    );
    expect(sentences).toContain('缺少“name”：请添加');
    expect(sentences).toContain('“engagements[0].date”：应为 YYYY-MM-DD 格式的日期，实际是“2026-13-01”');
    expect(sentences).toContain('文件是空的：客户计划是一个映射，至少要有 id 和 name（可以用 `kam new` 生成）');
  });

  it('schema: numbers past the largest one, and a top level that is not a mapping', () => {
    const findings = check({ 'accounts/a.yaml': 'id: a\nname: A\nmetrics: { wallet: .inf }\n', 'accounts/b.yaml': '- a\n- b\n' });
    expect(zh(findings, 'schema')).toEqual([
      '“metrics.wallet”必须是有限的数，实际是无穷大（1e400 或 .inf：超出了最大的数，约 1.8e308）',
      '文件顶层应是映射（键: 值），实际是列表',
    ]);
  });

  it('schema: a declared tier that kam.yaml does not have, with the closest one', () => {
    const findings = check({ 'accounts/a.yaml': 'id: a\nname: A\ntier: strategc\n' });
    expect(zh(findings, 'schema')).toEqual(['层级“strategc”不是 kam.yaml 中的层级（strategic, key, growth, maintain），是否想写“strategic”？']);
  });

  it('unknown-key with "did you mean" in the Chinese style', () => {
    const findings = check({ 'accounts/a.yaml': 'id: a\nname: A\nowne: Jane\nrelationships:\n  - { name: Li, titel: CTO }\n' });
    expect(zh(findings, 'unknown-key')).toEqual(['未知的键“owne”，是否想写“owner”？', 'relationships[0] 中有未知的键“titel”，是否想写“title”？']);
  });

  it('duplicate-id', () => {
    const findings = check({ 'accounts/a.yaml': 'id: same\nname: A\n', 'accounts/b.yaml': 'id: same\nname: B\n' });
    expect(zh(findings, 'duplicate-id')).toEqual([
      'id“same”也被 accounts/b.yaml 使用：每个客户须有自己的 id',
      'id“same”也被 accounts/a.yaml 使用：每个客户须有自己的 id',
    ]);
  });

  it('invalid-suppression and unused-suppression', () => {
    const findings = check({
      'accounts/a.yaml': [
        '# kam-disable-next-line no-coch -- legacy',
        'id: a',
        '# kam-disable-next-line stale-review',
        'name: A',
        '# kam-disable-next-line tier-mismatch -- not yet',
        'industry: Telecom',
        '',
      ].join('\n'),
    });
    expect(zh(findings, 'invalid-suppression')).toEqual([
      'kam-disable-next-line 中有未知的规则 ID“no-coch”，是否想写“no-coach”？',
      'kam-disable-next-line 必须在“ -- ”之后写明原因（# kam-disable-next-line no-coach -- 每周都见面，但不是正式的教练）；没有原因则不抑制任何问题',
    ]);
    expect(zh(findings, 'unused-suppression')).toEqual(['kam-disable-next-line：第 6 行没有可抑制的 tier-mismatch 问题；请删除这条注释']);
  });

  it('a plan that cannot be read or is over the size limit', () => {
    const unreadable = loadRef({ file: 'accounts/x.yaml', problem: 'permission denied' });
    const text = unreadable.issues[0]!.message as Message;
    expect(english(text)).toBe('cannot read: permission denied');
    expect(i18n().render(text)).toBe('无法读取：没有权限');
    expect(reasonWord('not a regular file (a FIFO)')).toBe('not-regular.fifo');
    const big = checkPlans([{ file: 'accounts/big.yaml', bytes: new Uint8Array(3 * 1024 * 1024) }], DEFAULT_CONFIG, { asOf: AS_OF }).findings;
    expect(zh(big, 'yaml-syntax')).toEqual(['文件大小为 3,072 KiB，超过了客户计划 1 MiB 的上限：请拆分，或删除大块数据']);
  });
});

describe('kam.yaml problems in Chinese', () => {
  const problems = (...lines: string[]) => {
    const result = parseConfig(utf8(lines.join('\n')));
    if (result.ok) throw new Error('expected problems');
    for (const p of result.problems) expect(english(p.text)).toBe(p.message);
    return result.problems.map((p) => `${p.line}:${p.column} ${i18n().render(p.text)}`);
  };

  it('zod issues, unknown keys and the checks across keys', () => {
    expect(problems(
      'version: 1',
      'missing: zeroo',
      'policies:',
      '  reviewEveryDays: { strategc: 90 }',
      'tiers:',
      '  - { id: strategic, min: 50 }',
      '  - { id: key, min: 60 }',
      'rules: { stale-reviw: warn }',
      'criteria:',
      '  - { id: revenue, weight: 1, input: revenue.lates, scale: { type: log, min: 0, max: 10 } }',
    )).toEqual([
      '2:10 “missing”只能取以下值之一：zero, exclude；实际写的是“zeroo”，是否想写“zero”？',
      '4:22 “policies.reviewEveryDays”：层级“strategc”不在 tiers 中（strategic, key），是否想写“strategic”？',
      '7:21 “tiers[1].min”：tiers 必须从高到低排列：“key”（min 60）的 min 必须低于“strategic”（min 50）',
      '8:10 rules 中有未知的规则 ID“stale-reviw”，是否想写“stale-review”？',
      '10:38 “criteria[0].input”：未知的输入“revenue.lates”，是否想写“revenue.latest”？（可用的输入有 revenue.latest, revenue.total, revenue.cagr, wallet, shareOfWallet，以及 assessment.<名称> 和 metrics.<名称>）',
      '10:60 “criteria[0].scale”：对数刻度（log）要求 0 < min < max（现为 min 0，max 10）',
    ]);
  });

  it('YAML errors of kam.yaml', () => {
    expect(problems('version: 1', 'currency: USD', 'currency: EUR')).toEqual(['3:1 同一个映射中这个键出现了两次：请只保留一个（Map keys must be unique）']);
  });
});

describe('baseline problems in Chinese', () => {
  it('a malformed baseline names the file and the place', () => {
    const r = parseBaseline('{"schema": "kam.baseline/v1", "findings": [{"rule": "no-coch", "file": "a.yaml", "message": "m", "count": 1}]}', 'kam-baseline.json');
    if (r.ok) throw new Error('expected a problem');
    expect(english(r.text)).toBe(`the baseline kam-baseline.json is malformed: ${r.problem}`);
    expect(i18n().render(r.text)).toBe('基线 kam-baseline.json 格式有误：findings[0].rule：未知的规则 ID“no-coch”，是否想写“no-coach”？');
  });
});
