// Loose ends of issue 16 that no run of the binary can reach: a bug inside a plan thread stays
// an internal error, the prompts show untrusted tier ids escaped, the comment text of a template,
// and the size in the message of a plan over the limit.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runNew } from '../../src/commands/new.js';
import { checkSettings } from '../../src/core/check.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { scaffoldPlan } from '../../src/core/scaffold.js';
import { commentText } from '../../src/core/template.js';
import { decodeYamlBytes, MAX_FILE_BYTES } from '../../src/core/yaml-source.js';
import { InputError, KamError } from '../../src/errors.js';
import { PlanShard, shardFailure } from '../../src/io/plan-shard.js';
import { answer } from '../../src/io/plan-threads.js';
import { scriptedInquirer } from './scripted-inquirer.js';

const settings = checkSettings(DEFAULT_CONFIG, { asOf: '2026-11-23' });

describe('a failed plan job keeps what it was across the thread boundary', () => {
  it('a bug in a shard (a broken invariant, a TypeError) is an internal error on the main thread, with its stack', () => {
    const reply = new PlanShard().run({ type: 'check', batch: 7, accounts: [], settings });
    expect(reply).toMatchObject({ error: 'plan batch 7 is not held by this thread', internal: true });
    expect((reply as { stack?: string }).stack).toMatch(/plan-shard/);
    // What a worker answers is plain data (it crosses postMessage as it is).
    expect(structuredClone(reply)).toEqual(reply);

    let thrown: unknown;
    try {
      answer(reply);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(KamError);
    expect((thrown as Error).message).toBe('plan batch 7 is not held by this thread');
    expect((thrown as Error).stack).toBe((reply as { stack?: string }).stack);

    const typeError = shardFailure(new TypeError("Cannot read properties of undefined (reading 'plan')"));
    expect(typeError).toMatchObject({ internal: true });
    expect(() => answer(typeError)).toThrow(expect.not.objectContaining({ exitCode: 2 }));
    expect(shardFailure('not even an Error')).toMatchObject({ error: 'not even an Error', internal: true });
  });

  it('a KamError in a shard stays an input error (exit 2 with its message)', () => {
    class FailingShard extends PlanShard {
      override load(): never {
        throw new InputError('accounts/x.yaml: cannot read: permission denied');
      }
    }
    const reply = new FailingShard().run({ type: 'load', batch: 0, refs: [], keep: false });
    expect(reply).toEqual({ error: 'accounts/x.yaml: cannot read: permission denied' });
    expect(() => answer(reply)).toThrow(InputError);
    expect(() => answer(reply)).toThrow('accounts/x.yaml: cannot read: permission denied');
  });

  it('a reply that is no failure passes through', () => {
    expect(answer({ findings: [] })).toEqual({ findings: [] });
  });
});

describe('the size of a plan over the limit', () => {
  it('is the real size when the bytes are at hand, and none is made up for the stand-in of a file not read', () => {
    const big = decodeYamlBytes(new Uint8Array(3 * MAX_FILE_BYTES));
    expect(!big.ok && big.problem.message).toBe('file is 3,072 KiB, over the 1 MiB limit for a plan; split it or remove bulk data');
    // The limit and one byte: what stands for a file (or git blob) over the limit that kam did not read.
    const standIn = decodeYamlBytes(new Uint8Array(MAX_FILE_BYTES + 1));
    expect(!standIn.ok && standIn.problem.message).toBe('file is over the 1 MiB limit for a plan; split it or remove bulk data');
    expect(decodeYamlBytes(new Uint8Array(MAX_FILE_BYTES)).ok).toBe(true);
  });
});

describe('{{& value}}: text for a comment line', () => {
  it('escapes what YAML does not allow raw, and what would break the line or reorder it', () => {
    expect(commentText('ACME Telecom 中国移动 Müller\tGmbH')).toBe('ACME Telecom 中国移动 Müller\tGmbH');
    expect(commentText('ACME\u001b[2J')).toBe('ACME\\u001b[2J');
    expect(commentText('Line\nBreak\r\nCo')).toBe('Line\\nBreak\\r\\nCo');
    expect(commentText('a\u0000b\u007fc\u0085d\u2028e\u2029f\u202eg\ufeffh\ud800i')).toBe('a\\u0000b\\u007fc\\u0085d\\u2028e\\u2029f\\u202eg\\ufeffh\\ud800i');
    expect(commentText('😀')).toBe('😀');
  });

  it('a plan scaffolded from a name with control characters is valid YAML and keeps the name exactly', () => {
    for (const name of ['ACME\u001b[2J', 'Nel\u0085Co', 'Bell\u0007', 'Two\nLines', 'Null\u0000', 'Bidi\u202eoc']) {
      const result = scaffoldPlan('# Account plan: {{& name}}\nid: x\nname: {{name}}\n', { name }, []);
      expect(result.ok, JSON.stringify(name)).toBe(true);
      if (!result.ok) continue;
      expect(result.plan).toEqual({ id: 'x', name });
      const loaded = loadPlanFile('x.yaml', Buffer.from(result.text));
      expect(loaded.issues, JSON.stringify(name)).toEqual([]);
      expect(result.text.split('\n')[0]).toBe(`# Account plan: ${commentText(name)}`);
    }
  });
});


describe('prompts show text of kam.yaml escaped', () => {
  it('a tier id with terminal controls is shown escaped, and the answer is the id itself', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-prompt-tier-'));
    const evil = 'top\u001b]0;pwned\u0007\u001b[2J';
    writeFileSync(join(ws, 'kam.yaml'), `version: 1\ntiers:\n  - { id: ${JSON.stringify(evil)}, min: 50 }\n  - { id: low, min: 0 }\npolicies:\n  requiredSections: { ${JSON.stringify(evil)}: [actions] }\n`);
    // The list starts on the lowest tier; one up is the first.
    const { prompter, screen } = scriptedInquirer(['\u001b[A\r', '\r', '\r']);
    const result = await runNew({ cwd: ws, color: false }, { name: 'ACME', asOf: '2026-11-23' }, prompter);
    expect(result.exitCode).toBe(0);
    const plan = parse(readFileSync(join(ws, 'accounts', 'acme.yaml'), 'utf8'));
    expect(plan.tier).toBe(evil);
    expect(plan.actions).toBeDefined();
    expect(screen()).toContain('top\\u001b]0;pwned\\u0007\\u001b[2J');
    expect(screen()).not.toContain('\u001b]0;pwned');
    expect(screen()).not.toContain('\u0007');
  });
});
