// `kam whitespace` on test/fixtures/whitespace, numbers computed by hand (the score is
// metrics.level: alpha 90, beta 80, zeta 76 strategic; gamma 60 key; delta 40 growth; eps 10
// maintain). Key tiers: every tier but the lowest, so 5 key accounts of 6.
//   access-network installed at alpha, beta, zeta, gamma, eps: 5/6 all, 4/5 key.
//   core-network installed at beta, zeta: 2/6, 2/5; opportunity at delta, competitor at alpha.
//   transport installed nowhere: 0/6, 0/5; opportunity at alpha, competitor at zeta and gamma.
// Openings: alpha access-network (BU-B) 90, alpha transport (BU-B) 90, delta core-network (Ops) 40.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, json, kam } from './helpers.js';

const EMPTY = mkdtempSync(join(tmpdir(), 'kam-ws-empty-'));
mkdirSync(join(EMPTY, 'accounts'));
writeFileSync(join(EMPTY, 'kam.yaml'), 'version: 1\n');
writeFileSync(join(EMPTY, 'accounts', 'a.yaml'), 'id: a\nname: A\n');
const WS = fixture('whitespace');
const AS_OF = '2026-11-23';

describe('kam whitespace on a fixture workspace', () => {
  it('json: kam.whitespace/v1 with the penetration, cells, shares and openings computed by hand', () => {
    const r = kam(['-C', WS, 'whitespace', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.schema).toBe('kam.whitespace/v1');
    expect(doc.keyTiers).toEqual(['strategic', 'key', 'growth']);
    expect(doc.summary).toEqual({ accounts: 6, keyAccounts: 5, products: 3, shown: { accounts: 6, products: 3 } });
    expect(doc.products).toEqual([
      { product: 'access-network', installed: 5, penetration: 5 / 6, keyInstalled: 4, keyPenetration: 0.8, opportunity: 0, competitor: 0 },
      { product: 'core-network', installed: 2, penetration: 2 / 6, keyInstalled: 2, keyPenetration: 0.4, opportunity: 1, competitor: 1 },
      { product: 'transport', installed: 0, penetration: 0, keyInstalled: 0, keyPenetration: 0, opportunity: 1, competitor: 2 },
    ]);
    expect(doc.accounts.map((a: any) => [a.id, a.rank, a.tier, a.key, a.installed, a.products])).toEqual([
      ['alpha', 1, 'strategic', true, 1, 3],
      ['beta', 2, 'strategic', true, 2, 3],
      ['zeta', 3, 'strategic', true, 2, 3],
      ['gamma', 4, 'key', true, 1, 3],
      ['delta', 5, 'growth', true, 0, 3],
      ['eps', 6, 'maintain', false, 1, 3],
    ]);
    expect(doc.accounts.map((a: any) => a.cells.map((c: any) => c.status))).toEqual([
      ['installed', 'competitor', 'opportunity'],
      ['installed', 'installed', 'unknown'],
      ['installed', 'installed', 'competitor'],
      ['installed', 'unknown', 'competitor'],
      ['unknown', 'opportunity', 'unknown'],
      ['installed', 'unknown', 'unknown'],
    ]);
    expect(doc.accounts[0].cells[0].units).toEqual([{ unit: 'BU-A', status: 'installed' }, { unit: 'BU-B', status: 'opportunity' }]);
    expect(doc.accounts[1].cells[0].units).toEqual([{ unit: null, status: 'installed' }]);
    // alpha: target 0.5, actual 0.4 (gap 0.1); core-network target only. gamma's target 5000 is no share; eps's 1.5 neither.
    expect(doc.accounts[0].shares).toEqual([
      { product: 'access-network', target: 0.5, actual: 0.4, gap: 0.5 - 0.4 },
      { product: 'core-network', target: 0.2, actual: null, gap: null },
    ]);
    expect(doc.accounts[3].shares).toEqual([]);
    expect(doc.accounts[5].shares).toEqual([]);
    expect(r.stderr).toContain('eps: metrics.share.access-network is 1.5, not a share 0..1: left out');
    expect(doc.openings.map((o: any) => [o.account, o.product, o.units, o.weight])).toEqual([
      ['alpha', 'access-network', ['BU-B'], 90],
      ['alpha', 'transport', ['BU-B'], 90],
      ['delta', 'core-network', ['Ops'], 40],
    ]);
  });

  it('--product and --tier choose rows and columns, never what penetration counts', () => {
    const doc = json(kam(['-C', WS, 'whitespace', '-f', 'json', '--tier', 'strategic', '--product', 'transport,core-network']).stdout);
    expect(doc.accounts.map((a: any) => a.id)).toEqual(['alpha', 'beta', 'zeta']);
    // Columns keep the penetration order (core-network 2 installed, transport 0).
    expect(doc.products.map((p: any) => [p.product, p.installed, p.keyInstalled])).toEqual([['core-network', 2, 2], ['transport', 0, 0]]);
    expect(doc.accounts[0].installed).toBe(1); // of the portfolio's 3 products
    expect(doc.openings.map((o: any) => [o.account, o.product])).toEqual([['alpha', 'transport']]);
    expect(kam(['-C', WS, 'whitespace', '--tier', 'strategc']).stderr).toContain('strategic');
  });

  it('table: ASCII markers without colour, coloured cells with --color', () => {
    const r = kam(['-C', WS, 'whitespace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('│ 1 │ Alpha Telecom   │  90.0 │ strategic │       1/3 │ +1 o1          │ x2           │ o         │');
    expect(r.stdout).toContain('│ access-network │ 5/6 (83.3%) │  4/5 (80.0%) │             0 │          0 │');
    expect(r.stdout).toContain('│ Alpha Telecom │ access-network │  50.0% │  40.0% │ 10.0% │');
    expect(r.stdout).toContain('│ 3 │ Delta Logistics │ core-network   │ Ops   │   40.0 │');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const coloured = kam(['-C', WS, '--color', 'whitespace']);
    expect(coloured.stdout).toContain('\u001b[32m+\u001b[39m');
    expect(coloured.stdout).toContain('\u001b[31mx2\u001b[39m');
  });

  it('markdown and csv', () => {
    const md = kam(['-C', WS, 'whitespace', '-f', 'markdown']).stdout;
    expect(md).toContain('| 1 | Alpha Telecom | 90.0 | strategic | 1/3 | `+1 o1` | `x2` | `o` |');
    expect(md).toContain('### Cross-sell openings');
    expect(md).toContain('| 1 | Alpha Telecom | access-network | BU-B | 90.0 |');
    const csv = kam(['-C', WS, 'whitespace', '-f', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('rank,id,name,score,tier,installed,products,access-network,core-network,transport');
    expect(csv[1]).toBe('1,alpha,Alpha Telecom,90,strategic,1,3,installed,competitor,opportunity');
    expect(csv[6]).toBe('6,eps,Epsilon School,10,maintain,1,3,installed,unknown,unknown');
  });

  it('the rules fire exactly where they should (kam gaps and kam check)', () => {
    const rules = 'single-product,competitor-stronghold,whitespace-unmapped';
    const doc = json(kam(['-C', WS, 'gaps', '--as-of', AS_OF, '-f', 'json', '--rule', rules]).stdout);
    expect(doc.findings.map((f: any) => [f.rule, f.account, f.line])).toEqual([
      ['competitor-stronghold', 'alpha', 7],
      ['single-product', 'alpha', 7],
      ['whitespace-unmapped', 'beta', 4],
    ]);
    const check = json(kam(['-C', WS, 'check', '--as-of', AS_OF, '-f', 'json']).stdout);
    const ours = check.findings.filter((f: any) => rules.split(',').includes(f.rule)).map((f: any) => `${f.rule}@${f.account}`).sort();
    expect(ours).toEqual(['competitor-stronghold@alpha', 'single-product@alpha', 'whitespace-unmapped@beta']);
  });

  it('file arguments: those plans are the portfolio (as in kam score)', () => {
    const doc = json(kam(['-C', WS, 'whitespace', 'accounts/alpha.yaml', 'accounts/beta.yaml', '-f', 'json']).stdout);
    expect(doc.accounts.map((a: any) => a.id)).toEqual(['alpha', 'beta']);
    expect(doc.products.map((p: any) => [p.product, p.installed, p.penetration])).toEqual([['access-network', 2, 1], ['core-network', 1, 0.5], ['transport', 0, 0]]);
  });

  it('Chinese output', () => {
    const r = kam(['-C', WS, 'whitespace', '--locale', 'zh-CN']);
    expect(r.stdout).toContain('交叉销售机会');
    expect(r.stdout).toContain('大客户层级');
  });

  it('a workspace without whitespace entries says so', () => {
    const r = kam(['-C', EMPTY, 'whitespace']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No whitespace entries in these plans');
    expect(json(kam(['-C', EMPTY, 'whitespace', '-f', 'json']).stdout).products).toEqual([]);
  });
});
