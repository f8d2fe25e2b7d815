// Scaffolding core: slugs, the template language, rendered plans, kam init's files, safe
// writes, and the prompts (the real Inquirer prompts driven through streams).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInit } from '../../src/commands/init.js';
import { runNew } from '../../src/commands/new.js';
import { parseConfig } from '../../src/core/config-file.js';
import { defaultInitAnswers, renderConfigFile } from '../../src/core/init-files.js';
import { loadPlanFile } from '../../src/core/plan-file.js';
import { plansFolderOf, scaffoldPlan, schemaPathFrom } from '../../src/core/scaffold.js';
import { accountIdFor, fileStemFor, planNaming } from '../../src/core/slug.js';
import { renderTemplate, yamlString } from '../../src/core/template.js';
import { UsageError } from '../../src/errors.js';
import { isInside, writeInside } from '../../src/io/safe-write.js';
import { resolveAnswer } from '../../src/prompts/index.js';
import { scriptedInquirer } from './scripted-inquirer.js';

const BUILT_IN_PLAN = readFileSync(new URL('../../templates/plan.yaml', import.meta.url), 'utf8');
const ALL_REQUIRED = ['relationships', 'objectives', 'whitespace', 'competitors', 'engagements', 'actions'];

describe('slugs', () => {
  it('gives ASCII names their slug as id and file name', () => {
    expect(planNaming('ACME Telecom')).toEqual({ id: 'acme-telecom', stem: 'acme-telecom' });
    expect(planNaming('Müller & Söhne GmbH')).toEqual({ id: 'muller-sohne-gmbh', stem: 'muller-sohne-gmbh' });
  });

  it('spells Han names in pinyin, as id and file name, and never gives two names one id', () => {
    const mobile = planNaming('中国移动');
    const unicom = planNaming('中国联通');
    expect(mobile.stem).toBe('zhong-guo-yi-dong');
    expect(unicom.stem).toBe('zhong-guo-lian-tong');
    expect(mobile.id).toBe('zhong-guo-yi-dong');
    expect(mobile.id).not.toBe(unicom.id);
    expect(accountIdFor('中国移动 Guangdong')).not.toBe(accountIdFor('中国联通 Guangdong'));
    expect(accountIdFor('中国移动 Guangdong')).toBe('zhong-guo-yi-dong-guangdong');
    expect(accountIdFor('中国移动')).toBe(mobile.id); // stable across runs
  });

  it('never yields a path, a dot file, an empty name or a device name', () => {
    for (const hostile of ['../../x', 'a/b', '/etc/passwd', '..', '.', '..\\..\\win', 'con', 'NUL', '!!!', ' ', 'x\u0000y']) {
      const { id, stem } = planNaming(hostile);
      expect(stem, hostile).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u);
      expect(stem, hostile).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
      expect(id, hostile).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(fileStemFor('../../x', 'fallback')).toBe('x');
    expect(fileStemFor('!!!', 'fallback')).toBe('fallback');
    expect(planNaming('x'.repeat(500)).stem.length).toBeLessThanOrEqual(64);
  });
});

describe('template language', () => {
  it('quotes values only when YAML could misread them', () => {
    expect(yamlString('ACME Telecom')).toBe('ACME Telecom');
    expect(yamlString('中国移动')).toBe('中国移动');
    expect(yamlString('2026-12-01')).toBe('2026-12-01');
    for (const tricky of ['yes', 'null', '123', 'a: b', 'x #y', '- item', '{a}', '*alias', 'line\nbreak', 'trailing ']) {
      expect(parse(`v: ${yamlString(tricky)}`).v, tricky).toBe(tricky);
    }
  });

  it('keeps blocks by value and by required section', () => {
    const template = 'a: 1\n{{#if owner}}\nowner: {{owner}}\n{{/if}}\n{{^if owner}}\n# no owner\n{{/if}}\n{{#required actions}}\nactions: []\n{{/required}}\n{{^required actions}}\n# actions\n{{/required}}';
    const withOwner = renderTemplate(template, { owner: 'Jane' }, ['actions']);
    expect(withOwner.ok && withOwner.rendered.text).toBe('a: 1\nowner: Jane\nactions: []');
    const without = renderTemplate(template, {}, []);
    expect(without.ok && without.rendered.text).toBe('a: 1\n# no owner\n# actions');
  });

  it('locates template mistakes at their line and column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['id: x\nname: {{nope}}', 2, 7, /unknown placeholder/],
      ['{{#if owner}}\nowner: x', 1, 1, /never closed/],
      ['{{/if}}', 1, 1, /closes nothing/],
      ['{{#required nosuch}}\n{{/required}}', 1, 1, /unknown section/],
      ['id: x\nowner: {{owner}}', 2, 8, /has no value/],
    ];
    for (const [text, line, column, message] of cases) {
      const result = renderTemplate(text, {}, []);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.problem, text).toMatchObject({ line, column, message: expect.stringMatching(message) });
    }
  });

  it('a raw value cannot break out of its comment line', () => {
    const result = scaffoldPlan('# {{& name}}\nid: x\nname: {{name}}', { name: 'Evil\nowner: injected' }, []);
    expect(result.ok && result.plan).toEqual({ id: 'x', name: 'Evil\nowner: injected' });
  });
});

describe('scaffolded plans', () => {
  const vars = { id: 'acme', name: 'ACME', tier: 'strategic', owner: 'Jane Doe', today: '2026-11-23', due: '2026-12-07', schema: '../schemas/plan.schema.json', currency: 'USD' };

  it('the built-in template carries exactly the sections the tier requires, and passes the schema', () => {
    const strategic = scaffoldPlan(BUILT_IN_PLAN, vars, ALL_REQUIRED);
    expect(strategic.ok).toBe(true);
    if (!strategic.ok) return;
    for (const section of ALL_REQUIRED) expect(strategic.plan, section).toHaveProperty(section);
    expect(strategic.plan.actions?.[0]?.owner).toBe('Jane Doe');
    expect(strategic.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/plan.schema.json');

    const maintain = scaffoldPlan(BUILT_IN_PLAN, { ...vars, tier: 'maintain', owner: '' }, []);
    expect(maintain.ok && Object.keys(maintain.plan).sort()).toEqual(['id', 'name', 'tier']);
  });

  it('fills metrics and assessment from data', () => {
    const result = scaffoldPlan(BUILT_IN_PLAN, { ...vars, metrics: true, revenue: { 2024: 100, 2025: 250 }, wallet: 1000, assessment: { influence: 4 } }, []);
    expect(result.ok && result.plan.metrics).toEqual({ revenue: { 2024: 100, 2025: 250 }, wallet: 1000 });
    expect(result.ok && result.plan.assessment).toEqual({ influence: 4 });
  });

  it('refuses a plan that fails the schema, pointing into the template', () => {
    const result = scaffoldPlan('id: {{id}}\nname: {{name}}\n{{#if owner}}\n\nowner: [a]\n{{/if}}', vars, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/owner/) });
    const invalid = scaffoldPlan('id: {{id}}\nname: {{name}}: x', vars, []);
    expect(!invalid.ok && invalid.problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/invalid YAML/) });
  });

  it('puts plans where the plans glob looks', () => {
    expect(plansFolderOf({ plans: 'accounts/*.yaml' })).toEqual({ folder: 'accounts', extension: '.yaml' });
    expect(plansFolderOf({ plans: ['plans/**/*.yml'] })).toEqual({ folder: 'plans', extension: '.yml' });
    expect(plansFolderOf({ plans: '*.yaml' })).toEqual({ folder: '.', extension: '.yaml' });
    expect(schemaPathFrom('accounts')).toBe('../schemas/plan.schema.json');
    expect(schemaPathFrom('.')).toBe('./schemas/plan.schema.json');
  });
});

describe('kam init files', () => {
  it('kam.yaml with the defaults parses to the built-in defaults', () => {
    const parsed = parseConfig(new TextEncoder().encode(renderConfigFile(defaultInitAnswers())));
    const builtIn = parseConfig(new TextEncoder().encode('version: 1'));
    // rules: shows stale-review: warn as an example, which is its default severity anyway.
    expect(parsed.ok && builtIn.ok && parsed.config).toEqual(builtIn.ok && { ...builtIn.config, rules: { 'stale-review': 'warn' } });
  });

  it('renamed tiers keep the default policies by position', () => {
    const answers = { currency: 'EUR', tiers: [{ id: 'gold', min: 70 }, { id: 'silver', min: 40 }, { id: 'bronze', min: 0 }], requiredSections: { gold: ['relationships'] } };
    const parsed = parseConfig(new TextEncoder().encode(renderConfigFile(answers)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.currency).toBe('EUR');
    expect(parsed.config.tiers).toEqual(answers.tiers);
    expect(parsed.config.policies.requiredSections).toEqual({ gold: ['relationships'] });
    expect(parsed.config.policies.coachRequired).toEqual(['gold', 'silver']);
    expect(parsed.config.policies.reviewEveryDays).toEqual({ gold: 90, silver: 120, bronze: 365 });
  });
});

describe('safe writes', () => {
  it('never replaces a file without force, and never writes outside the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'kam-write-'));
    expect(writeInside(root, { path: 'a/b.yaml', content: 'one' }).status).toBe('created');
    expect(writeInside(root, { path: 'a/b.yaml', content: 'two' }).status).toBe('kept');
    expect(readFileSync(join(root, 'a/b.yaml'), 'utf8')).toBe('one');
    expect(writeInside(root, { path: 'a/b.yaml', content: 'three' }, { dryRun: true, force: true }).status).toBe('would replace');
    expect(writeInside(root, { path: 'a/b.yaml', content: 'three' }, { force: true }).status).toBe('replaced');
    expect(readFileSync(join(root, 'a/b.yaml'), 'utf8')).toBe('three');
    expect(readdirSync(join(root, 'a'))).toEqual(['b.yaml']); // no temporary file left behind

    expect(() => writeInside(root, { path: '../escape.yaml', content: 'x' })).toThrow(/outside the workspace/);
    const outside = mkdtempSync(join(tmpdir(), 'kam-outside-'));
    symlinkSync(outside, join(root, 'link'));
    expect(isInside(root, join(root, 'link', 'x.yaml'))).toBe(false);
    expect(() => writeInside(root, { path: 'link/x.yaml', content: 'x' })).toThrow(/outside the workspace/);
    expect(readdirSync(outside)).toEqual([]);
  });
});


describe('prompts', () => {
  const DOWN = '\x1b[B';

  it('kam new asks for what flags did not give, through Inquirer', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-new-prompt-'));
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    // The tier list starts on the lowest tier (the default); two up is "key".
    const { prompter, screen: asked } = scriptedInquirer(['\x1b[A\x1b[A\r', 'Jane Doe\r', 'Telecom\r', '\r']);
    const result = await runNew({ cwd: ws, color: false }, { name: 'ACME Telecom', asOf: '2026-11-23' }, prompter);
    expect(result.exitCode).toBe(0);
    const plan = parse(readFileSync(join(ws, 'accounts', 'acme-telecom.yaml'), 'utf8'));
    expect(plan).toMatchObject({ id: 'acme-telecom', name: 'ACME Telecom', tier: 'key', owner: 'Jane Doe', industry: 'Telecom' });
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(['relationships', 'objectives', 'actions']));
    expect(asked()).toMatch(/Tier of ACME Telecom/);
  });

  it('kam init asks currency, tiers and required sections', async () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'kam-init-prompt-')), 'new-ws');
    // currency, tiers, then a checkbox per tier above the lowest: tick one more section for gold, accept silver.
    const { prompter } = scriptedInquirer(['EUR\r', 'gold,silver,bronze\r', `${DOWN} \r`, '\r']);
    const result = await runInit({ cwd: tmpdir(), color: false }, { dir: ws }, prompter);
    expect(result.exitCode).toBe(0);
    const config = parseConfig(readFileSync(join(ws, 'kam.yaml')));
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.config.currency).toBe('EUR');
    expect(config.config.tiers.map((t) => t.id)).toEqual(['gold', 'silver', 'bronze']);
    // Answers come back in the order of the sections list; "metrics" was ticked on top of the defaults.
    expect(config.config.policies.requiredSections).toEqual({
      gold: ['metrics', 'objectives', 'whitespace', 'relationships', 'competitors', 'engagements', 'actions'],
      silver: ['objectives', 'relationships', 'actions'],
    });
    expect(loadPlanFile('x.yaml', readFileSync(join(ws, 'accounts', 'example-telecom.yaml'))).planFile.plan?.tier).toBe('gold');
  });

  it('without a terminal: flags, then --yes defaults, else a usage error naming the flag', async () => {
    const ask = async () => 'asked';
    await expect(resolveAnswer('flag', { prompter: undefined, yes: false }, '--x', ask, () => 'default')).resolves.toBe('flag');
    await expect(resolveAnswer(undefined, { prompter: undefined, yes: true }, '--x', ask, () => 'default')).resolves.toBe('default');
    await expect(resolveAnswer(undefined, { prompter: undefined, yes: false }, '--x', ask, () => 'default')).rejects.toThrow(/--x/);
    await expect(resolveAnswer(undefined, { prompter: undefined, yes: false }, '--x', ask, () => 'default')).rejects.toBeInstanceOf(UsageError);
  });

  it('Ctrl-C at a prompt is a usage error and writes nothing', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'kam-new-cancel-'));
    writeFileSync(join(ws, 'kam.yaml'), 'version: 1\n');
    mkdirSync(join(ws, 'accounts'));
    const { prompter } = scriptedInquirer(['\x03']);
    await expect(runNew({ cwd: ws, color: false }, { name: 'ACME', asOf: '2026-11-23' }, prompter)).rejects.toThrow(/cancelled/);
    expect(readdirSync(join(ws, 'accounts'))).toEqual([]);
  });
});

describe('yamlString: any text a client cell may hold becomes YAML that reads back as the same text', () => {
  it('escapes control characters, DEL, C1 (NEL) and non-characters, which YAML does not allow raw', () => {
    for (const text of ['Acme\u001b]0;pwned\u0007', 'DEL\u007f', 'NEL\u0085here', 'C1\u009b31m', 'x\ufffe', 'tab\there', 'ok']) {
      const written = yamlString(text);
      expect(written, JSON.stringify(text)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/);
      expect(parse(`name: ${written}\n`).name).toBe(text);
    }
  });
});
