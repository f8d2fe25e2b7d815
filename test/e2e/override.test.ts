// Tier overrides (issue 20) end to end on test/fixtures/override/ (score = 20 · influence):
// british-telecom scores 60 (key), managed as strategic through 2026-06-30; vodafone scores 60,
// its override to strategic ended 2026-01-31; telefonica scores 80 (strategic), no override.
// As of 2026-06-01 unless said otherwise.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixture, json, kam } from './helpers.js';

const WS = fixture('override');
const AS_OF = ['--as-of', '2026-06-01'];

describe('kam check and gaps', () => {
  it('the overridden plan gets the strategic policies, not key ones, and no tier-mismatch', () => {
    const r = kam(['check', ...AS_OF, '-f', 'json'], { cwd: WS });
    expect(r.code).toBe(1);
    const found = json(r.stdout).findings.map((f: any) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
    expect(found).toEqual([
      'accounts/british-telecom.yaml:1:1 required-section',
      'accounts/vodafone.yaml:1:1 required-section',
      'accounts/vodafone.yaml:4:7 tier-mismatch',
      'accounts/vodafone.yaml:9:10 override-expired',
    ]);
    const messages = json(r.stdout).findings.map((f: any) => f.message);
    expect(messages[0]).toBe('add the competitors section: required for strategic accounts');
    expect(messages[1]).toBe('add the actions section: required for key accounts');
  });
  it('on its until day the override is in force; the day after it expires', () => {
    const rules = (asOf: string) => json(kam(['check', '--as-of', asOf, '-f', 'json', 'accounts/british-telecom.yaml'], { cwd: WS }).stdout).findings.map((f: any) => f.rule);
    expect(rules('2026-06-30')).toEqual(['required-section']);
    expect(rules('2026-07-01')).toEqual(['required-section', 'tier-mismatch', 'override-expired']);
  });
  it('gaps groups by managed tier and shows the computed one; --tier filters by managed tier', () => {
    const r = kam(['gaps', ...AS_OF], { cwd: WS });
    expect(r.stdout).toContain('strategic — 2 account(s), 1 to-do(s)\n  Telefonica (telefonica) score 80.0  ✔ nothing due\n  British Telecom (british-telecom) score 60.0 (override; computed key)  1 to-do\n');
    expect(r.stdout).toContain('key — 1 account(s), 3 to-do(s)\n  Vodafone (vodafone) score 60.0 (override to strategic expired 2026-01-31)  3 to-dos\n');
    const md = kam(['gaps', ...AS_OF, '-f', 'markdown', '--tier', 'strategic'], { cwd: WS }).stdout;
    expect(md).toContain('**British Telecom (override; computed key)** (`british-telecom`, score 60.0): 1 to-do(s)');
    expect(md).not.toContain('Vodafone');
  });
  it('missing reason or by: a schema error with file:line:col (check exits 1, score of that plan alone exits 2)', () => {
    const dir = copyFixture('override');
    writeFileSync(join(dir, 'accounts', 'bad.yaml'), 'id: bad\nname: Bad\noverride:\n  tier: strategic\n  by: ""\n');
    const r = kam(['check', ...AS_OF, 'accounts/bad.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('4:3  error    "override.reason" is required; add it');
    expect(r.stdout).toContain('5:7  error    "override.by" must not be empty');
    const s = kam(['score', 'accounts/bad.yaml'], { cwd: dir });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('accounts/bad.yaml:4:3');
  });
  it('an unknown override tier: did you mean, in English and Chinese', () => {
    const dir = copyFixture('override');
    writeFileSync(join(dir, 'accounts', 'bad.yaml'), 'id: bad\nname: Bad\noverride: { tier: strategc, reason: r, by: b }\n');
    const r = kam(['check', ...AS_OF, 'accounts/bad.yaml'], { cwd: dir });
    expect(r.stdout).toContain('3:19  error    tier "strategc" is not a tier of kam.yaml (strategic, key, growth, maintain); did you mean "strategic"?  schema');
    const zh = kam(['check', ...AS_OF, '--locale', 'zh-CN', 'accounts/bad.yaml'], { cwd: dir });
    expect(zh.stdout).toContain('是否想写“strategic”？');
  });
});

describe('kam score', () => {
  it('table: managed tier with the computed one beside it; counts stay computed', () => {
    const r = kam(['score', ...AS_OF], { cwd: WS });
    expect(r.stdout).toMatch(/│ 2 │ British Telecom │  60\.0 │ strategic \(override; computed key\) +│/);
    expect(r.stdout).toMatch(/│ 3 │ Vodafone +│  60\.0 │ key \(override to strategic expired 2026-01-31\) \(declared strategic\) │/);
    expect(r.stdout).toMatch(/│ 1 │ Telefonica +│  80\.0 │ strategic +│/);
    expect(r.stdout).toContain('Tiers: strategic 1 · key 2 · growth 0 · maintain 0');
    // --tier filters by computed tier, as before.
    const key = kam(['score', ...AS_OF, '--tier', 'key', '-f', 'json'], { cwd: WS });
    expect(json(key.stdout).accounts.map((a: any) => a.id)).toEqual(['british-telecom', 'vodafone']);
  });
  it('json: managedTier always, override null or with expired', () => {
    const doc = json(kam(['score', ...AS_OF, '-f', 'json'], { cwd: WS }).stdout);
    const by = Object.fromEntries(doc.accounts.map((a: any) => [a.id, a]));
    expect([by.telefonica.tier, by.telefonica.managedTier, by.telefonica.override]).toEqual(['strategic', 'strategic', null]);
    expect([by['british-telecom'].tier, by['british-telecom'].managedTier, by['british-telecom'].rank, by['british-telecom'].score]).toEqual(['key', 'strategic', 2, 60]);
    expect(by['british-telecom'].override).toEqual({ tier: 'strategic', reason: 'Entry into the group; HQ relationship', by: 'Sales VP Jane Doe', until: '2026-06-30', expired: false });
    expect([by.vodafone.managedTier, by.vodafone.override.expired]).toEqual(['key', true]);
    expect(doc.summary.tiers).toEqual({ strategic: 1, key: 2, growth: 0, maintain: 0 });
  });
  it('csv: the override columns at the end, the others in their order', () => {
    const lines = kam(['score', ...AS_OF, '-f', 'csv'], { cwd: WS }).stdout.trim().split('\r\n');
    expect(lines[0]).toBe('rank,id,name,score,tier,declaredTier,missing,influence_input,influence_score,influence_contribution,archetype,archetypeCriterion,fte,revenue,revenuePerFte,fteShare,revenueShare,managedTier,overrideTier,overrideReason,overrideBy,overrideUntil,overrideExpired');
    expect(lines[2]).toBe('2,british-telecom,British Telecom,60,key,strategic,,3,0.6,60,,,0,0,,,,strategic,strategic,Entry into the group; HQ relationship,Sales VP Jane Doe,2026-06-30,false');
    expect(lines[3]!.endsWith(',key,strategic,Reference customer in Europe,Sales VP Jane Doe,2026-01-31,true')).toBe(true);
  });
  it('--explain shows the override, managed and computed tier', () => {
    const r = kam(['score', ...AS_OF, '--explain', 'british-telecom'], { cwd: WS });
    expect(r.stdout).toContain('British Telecom (british-telecom): score 60.0, tier key, rank 2 of 3\nmanaged as strategic: override by Sales VP Jane Doe until 2026-06-30: Entry into the group; HQ relationship; computed tier key\n');
    const doc = json(kam(['score', ...AS_OF, '--explain', 'vodafone', '-f', 'json'], { cwd: WS }).stdout);
    expect([doc.account.tier, doc.account.managedTier, doc.account.override.expired]).toEqual(['key', 'key', true]);
    const plain = json(kam(['score', ...AS_OF, '--explain', 'telefonica', '-f', 'json'], { cwd: WS }).stdout);
    expect(plain.account.override).toBeUndefined();
  });
  it('zh-CN', () => {
    const r = kam(['score', ...AS_OF, '--locale', 'zh-CN', '-f', 'markdown'], { cwd: WS });
    expect(r.stdout).toContain('| 2 | British Telecom | **60.0** | strategic（调整层级；计算层级：key） |');
  });
});

describe('kam report', () => {
  it('the card shows the managed tier and the computed one', () => {
    const html = kam(['report', ...AS_OF], { cwd: WS }).stdout;
    const card = html.slice(html.indexOf('id="account-british-telecom"'), html.indexOf('id="account-vodafone"'));
    expect(card).toContain('data-tier="key"');
    expect(card).toContain('<span class="tier" style="background:');
    expect(card).toMatch(/>strategic<\/span><span class="meta override" data-managed-tier="strategic" data-override-tier="strategic" data-override-expired="false"[^>]*>\(override; computed key\)<\/span>/);
    expect(card).toContain('<p class="override">managed as strategic: override by Sales VP Jane Doe until 2026-06-30: Entry into the group; HQ relationship; computed tier key</p>');
  });
});

function git(cwd: string, args: string[], date = '2026-05-01T10:00:00Z'): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
}

describe('kam diff and kam history', () => {
  const dir = copyFixture('override');
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  // Override added to telefonica (score unchanged), british-telecom's renewed to 2026-12-31.
  const tf = join(dir, 'accounts', 'telefonica.yaml');
  writeFileSync(tf, readFileSync(tf, 'utf8').replace('assessment:', 'override:\n  tier: key\n  reason: Budget freeze\n  by: CFO\nassessment:'));
  const bt = join(dir, 'accounts', 'british-telecom.yaml');
  writeFileSync(bt, readFileSync(bt, 'utf8').replace('until: 2026-06-30', 'until: 2026-12-31'));

  it('diff lists override changes with before/after even when the score did not move', () => {
    const r = kam(['diff', 'HEAD', ...AS_OF], { cwd: dir });
    expect(r.stdout).toContain(': 2 overrides change\n');
    expect(r.stdout).toMatch(/Telefonica \(telefonica\) +│ changed │ 80\.0 strategic +│ 80\.0 key \(override; computed strategic\) │ override none → key \(by CFO\) +│/);
    expect(r.stdout).toContain('override strategic (by Sales VP Jane Doe until 2026-06-30) → strategic (by Sales VP Jane Doe until 2026-12-31)');
    const doc = json(kam(['diff', 'HEAD', ...AS_OF, '-f', 'json'], { cwd: dir }).stdout);
    const t = doc.accounts.find((a: any) => a.id === 'telefonica');
    expect(t.before).toEqual({ score: 80, tier: 'strategic' });
    expect(t.after).toEqual({ score: 80, tier: 'strategic', managedTier: 'key' });
    expect(t.override).toEqual({ before: null, after: { tier: 'key', reason: 'Budget freeze', by: 'CFO', until: null, expired: false } });
    expect(doc.accounts.map((a: any) => a.id)).toEqual(['british-telecom', 'telefonica']);
  });
  it('history marks the managed tier of an override in force at the commit date', () => {
    git(dir, ['commit', '-qam', 'overrides'], '2026-05-10T10:00:00Z');
    const r = kam(['history'], { cwd: dir });
    expect(r.stdout).toMatch(/Telefonica \(telefonica\) +│  80\.0 │ 80\.0 │ key\* \(strategic\) │/);
    expect(r.stdout).toMatch(/British Telecom \(british-telecom\) │  60\.0 │ 60\.0 │ strategic\* \(key\) │/);
    // vodafone's override had expired: its tier is shown unmarked.
    expect(r.stdout).toMatch(/Vodafone \(vodafone\) +│  60\.0 │ 60\.0 │ key +│/);
    expect(r.stdout).toContain('* managed tier (a tier override in force at the commit date); the computed tier is in brackets');
    const one = kam(['history', 'telefonica'], { cwd: dir }).stdout;
    expect(one).toMatch(/2026-05-01 │ [0-9a-f]{10} │  80\.0 │ strategic +│/);
    expect(one).toMatch(/2026-05-10 │ [0-9a-f]{10} │  80\.0 │ key\* \(strategic\) │/);
    const doc = json(kam(['history', '-f', 'json'], { cwd: dir }).stdout);
    expect(doc.commits[1].accounts.telefonica).toEqual({ score: 80, tier: 'strategic', managedTier: 'key', override: { tier: 'key', reason: 'Budget freeze', by: 'CFO', until: null, expired: false } });
    expect(doc.commits[0].accounts.telefonica).toEqual({ score: 80, tier: 'strategic' });
    const csv = kam(['history', '-f', 'csv'], { cwd: dir }).stdout.split('\r\n');
    expect(csv[0]).toBe('commit,date,subject,configChanged,account,score,tier,managedTier,overrideTier');
  });
});
