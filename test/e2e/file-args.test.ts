// `kam check a.yaml b.yaml` (a CI job on the files a pull request changed) reports on those
// files, but judges them against the whole portfolio: concentration, duplicate ids and
// percentile scales are properties of every plan, not of the two given.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, kam } from './helpers.js';

interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

function portfolio(): string {
  const ws = mkdtempSync(join(tmpdir(), 'kam-file-args-'));
  writeFileSync(
    join(ws, 'kam.yaml'),
    [
      'version: 1',
      'criteria:',
      '  - { id: size, weight: 1, input: revenue.latest, scale: { type: percentile } }',
      'policies:',
      '  concentration: { maxTop1Share: 0.3 }',
      '  requiredSections: { strategic: [actions] }',
      '',
    ].join('\n'),
  );
  mkdirSync(join(ws, 'accounts'));
  // Ten accounts of about equal revenue: the largest holds 11.6% of the portfolio.
  for (let i = 0; i < 10; i++) {
    writeFileSync(join(ws, `accounts/a${i}.yaml`), `id: a${i}\nname: Account ${i}\nmetrics: { revenue: { 2025: ${1_000_000 + i * 50_000} } }\n`);
  }
  writeFileSync(join(ws, 'accounts/twin.yaml'), 'id: a3\nname: Twin of a3\n');
  return ws;
}

const findingsOf = (stdout: string): Finding[] => json<{ findings: Finding[] }>(stdout).findings;

describe('kam check with file arguments', () => {
  it('uses the whole portfolio for portfolio rules, duplicate ids and percentile tiers, and reports on the files given', () => {
    const ws = portfolio();
    const whole = kam(['check', '--format', 'json'], { cwd: ws });
    const given = kam(['check', '--format', 'json', 'accounts/a8.yaml', 'accounts/a9.yaml', 'accounts/twin.yaml'], { cwd: ws });
    expect(given.code).toBe(whole.code);
    const expected = findingsOf(whole.stdout).filter((f) => ['accounts/a8.yaml', 'accounts/a9.yaml', 'accounts/twin.yaml'].includes(f.file));
    expect(findingsOf(given.stdout)).toEqual(expected);
    // Two accounts alone would hold 50% each: no concentration warning for a portfolio of ten.
    expect(findingsOf(given.stdout).map((f) => f.rule)).not.toContain('concentration-risk');
    // The twin shares a3's id although a3 was not given.
    expect(findingsOf(given.stdout).find((f) => f.file === 'accounts/twin.yaml' && f.rule === 'duplicate-id')?.message).toContain('accounts/a3.yaml');
    // a9 is the largest of ten (percentile 1: strategic) and lacks actions; alone with a8 it would be too,
    // but a0 is not strategic in the whole portfolio and has no finding for it.
    expect(findingsOf(given.stdout).some((f) => f.file === 'accounts/a9.yaml' && f.rule === 'required-section')).toBe(true);
    expect(json<{ summary: { files: number } }>(given.stdout).summary.files).toBe(3);
  });

  it('kam gaps with file arguments lists the accounts given, ranked in the whole portfolio', () => {
    const ws = portfolio();
    const r = kam(['gaps', '--format', 'json', 'accounts/a0.yaml', 'accounts/a1.yaml'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const files = new Set(findingsOf(r.stdout).map((f) => f.file));
    expect([...files].every((f) => f === 'accounts/a0.yaml' || f === 'accounts/a1.yaml')).toBe(true);
    expect(findingsOf(r.stdout).map((f) => f.rule)).not.toContain('concentration-risk');
  });

  it('a file outside the plans glob is still checked', () => {
    const ws = portfolio();
    mkdirSync(join(ws, 'drafts'));
    writeFileSync(join(ws, 'drafts/new.yaml'), 'id: new\nname: New\nbogus: 1\n');
    const r = kam(['check', '--format', 'json', 'drafts/new.yaml'], { cwd: ws });
    expect(findingsOf(r.stdout).map((f) => [f.file, f.rule])).toContainEqual(['drafts/new.yaml', 'unknown-key']);
  });
});
