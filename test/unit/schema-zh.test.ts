// The schema texts and rule docs in Chinese (src/i18n/zh-CN/schema.ts): every text the English
// schemas carry has a Chinese one at the same place, with the same keys and values in code marks;
// English stays what the committed schemas/ hold; every rule has its Chinese docs.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { RULE_IDS, RULES } from '../../src/core/findings.js';
import { configJsonSchema, planJsonSchema, undocumented } from '../../src/core/json-schema.js';
import { helpMarkdown, helpText, RULE_DOCS, ruleDoc, ruleSummary } from '../../src/core/rule-docs.js';
import type { JsonSchema } from '../../src/core/validate.js';
import { ENGLISH, setTranslator, translatorFor, type Translator } from '../../src/i18n/index.js';

const committed = (kind: 'plan' | 'config'): JsonSchema =>
  JSON.parse(readFileSync(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8')) as JsonSchema;

const TEXT_KEYS = ['title', 'description', 'markdownDescription', 'patternErrorMessage'] as const;
const LIST_KEYS = ['enumDescriptions', 'markdownEnumDescriptions'] as const;
const HAN = /\p{Script=Han}/u;

/** Code spans that are patterns in words rather than keys or values: written in Chinese. */
const PATTERNS: Readonly<Record<string, string>> = { 'year: amount': '年份: 金额' };

/** The code spans of a Markdown text (keys, values, commands), as a sorted list. */
const codeSpans = (md: string): string[] => [...md.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort();
const englishSpans = (md: string): string[] => codeSpans(md).map((span) => PATTERNS[span] ?? span);

interface Pair {
  where: string;
  en: string;
  zh: string;
  markdown: boolean;
}

/** Every text of `en` with the text at the same place in `zh` (the two schemas have one shape). */
function pairs(en: unknown, zh: unknown, where = '#'): Pair[] {
  if (Array.isArray(en)) return en.flatMap((item, i) => pairs(item, (zh as unknown[])[i], `${where}/${i}`));
  if (en === null || typeof en !== 'object') return [];
  const a = en as Record<string, unknown>;
  const b = (zh ?? {}) as Record<string, unknown>;
  const out: Pair[] = [];
  for (const [key, value] of Object.entries(a)) {
    if ((TEXT_KEYS as readonly string[]).includes(key) && typeof value === 'string') {
      out.push({ where: `${where}/${key}`, en: value, zh: String(b[key]), markdown: key.startsWith('markdown') });
    } else if ((LIST_KEYS as readonly string[]).includes(key) && Array.isArray(value)) {
      value.forEach((text, i) => out.push({ where: `${where}/${key}/${i}`, en: String(text), zh: String((b[key] as unknown[] | undefined)?.[i]), markdown: key.startsWith('markdown') }));
    } else if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') {
      out.push(...pairs(value, b[key], `${where}/${key}`));
    }
  }
  return out;
}

/** Everything but the texts: what validates and completes must not depend on the language. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!(TEXT_KEYS as readonly string[]).includes(key) && !(LIST_KEYS as readonly string[]).includes(key)) out[key] = shape(value);
  }
  return out;
}

let zh: Translator;
beforeAll(async () => {
  zh = await translatorFor('zh-CN');
});
afterEach(() => setTranslator(ENGLISH));

/** A workspace of its own: a custom assessment and metric, tiers with every kind of policy. */
const WORKSPACE = {
  ...DEFAULT_CONFIG,
  currency: 'CNY',
  criteria: [
    ...DEFAULT_CONFIG.criteria,
    { id: 'sites', weight: 10, input: 'metrics.sites', scale: { type: 'linear' as const, min: 0, max: 100 } },
    { id: 'partnership', weight: 5, input: 'assessment.partnership', scale: { type: 'linear' as const, min: 0, max: 5 } },
  ],
};

describe.each([
  ['plan', () => planJsonSchema(undefined, ENGLISH), () => planJsonSchema(undefined, zh)],
  ['config', () => configJsonSchema(undefined, ENGLISH), () => configJsonSchema(undefined, zh)],
  ['workspace plan', () => planJsonSchema(WORKSPACE, ENGLISH), () => planJsonSchema(WORKSPACE, zh)],
  ['workspace config', () => configJsonSchema(WORKSPACE, ENGLISH), () => configJsonSchema(WORKSPACE, zh)],
] as const)('the %s schema in zh-CN', (_kind, english, chinese) => {
  it('has the shape of the English one: only the texts differ', () => {
    expect(shape(chinese())).toEqual(shape(english()));
    expect(undocumented(chinese())).toEqual([]);
  });

  it('has a Chinese text wherever the English one has a text', () => {
    const all = pairs(english(), chinese());
    expect(all.length).toBeGreaterThan(150);
    const untranslated = all.filter((p) => !HAN.test(p.zh) || p.zh === p.en).map((p) => `${p.where}: ${p.zh}`);
    expect(untranslated).toEqual([]);
  });

  it('keeps the keys, values and commands of the English texts in code marks', () => {
    const lost = all(english(), chinese())
      .filter((p) => p.markdown)
      .filter((p) => englishSpans(p.en).some((span) => !codeSpans(p.zh).includes(span)))
      .map((p) => `${p.where}: ${englishSpans(p.en).filter((s) => !codeSpans(p.zh).includes(s)).join(' ')}`);
    expect(lost).toEqual([]);
  });

  it('writes Chinese punctuation, not ASCII sentence marks next to Han text', () => {
    const bad = all(english(), chinese())
      .filter((p) => p.markdown || !p.where.includes('escription'))
      .filter((p) => /\p{Script=Han}[,.;:!?()]|[,;:!?(]\p{Script=Han}/u.test(p.zh.replace(/`[^`]*`/g, 'x')))
      .map((p) => `${p.where}: ${p.zh}`);
    expect(bad).toEqual([]);
  });
});

const all = pairs;

describe('the English schemas', () => {
  it('are the committed schemas/, byte for byte, after the Chinese ones were built', () => {
    planJsonSchema(undefined, zh);
    configJsonSchema(undefined, zh);
    expect(`${JSON.stringify(planJsonSchema(undefined, ENGLISH), null, 2)}\n`).toBe(readFileSync(new URL('../../schemas/plan.schema.json', import.meta.url), 'utf8'));
    expect(`${JSON.stringify(configJsonSchema(), null, 2)}\n`).toBe(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8'));
    expect(planJsonSchema()).toEqual(committed('plan'));
  });

  it('follow the run translator by default', () => {
    setTranslator(zh);
    expect(planJsonSchema().title).toBe('kam 客户计划');
    expect(configJsonSchema().title).toBe('kam 工作区配置（kam.yaml）');
    expect(planJsonSchema(undefined, ENGLISH).title).toBe('kam account plan');
  });

  it('document the new kam.yaml keys: locale and the labels of tiers and criteria', () => {
    const props = committed('config').properties!;
    expect(props.locale!.markdownDescription).toMatch(/`zh-CN`/);
    expect(props.locale!.markdownEnumDescriptions).toHaveLength(2);
    const tier = (props.tiers!.items as JsonSchema).properties!.label!;
    expect(tier.markdownDescription).toContain('`label: { en: Strategic, zh-CN: 战略客户 }`');
    const zhConfig = configJsonSchema(undefined, zh).properties!;
    expect(zhConfig.locale!.enumDescriptions).toEqual(['英文（默认）', '简体中文']);
    expect((zhConfig.criteria!.items as JsonSchema).properties!.label!.description).toMatch(/显示的名称/);
  });

  it('in zh-CN, the workspace texts name its tiers, criteria and currency', () => {
    const plan = planJsonSchema(WORKSPACE, zh).properties!;
    const assessment = plan.assessment!.properties!;
    expect(assessment.partnership!.markdownDescription).toBe('团队自定的 0..5 评估。由评分项 `partnership` 评分（占得分的 4.3%）。');
    expect(assessment.influence!.markdownDescription).toMatch(/^团队对客户影响力的 0\.\.5 评估：.*。由评分项 `influence` 评分（占得分的 \d+(\.\d)?%）。$/);
    expect(plan.metrics!.properties!.sites!.description).toMatch(/^关于该客户的自定义数字。由评分项 sites 评分/);
    expect(plan.metrics!.properties!.revenue!.description).toMatch(/金额以 CNY 计。$/);
    expect((plan.tier!.enumDescriptions as string[])[0]).toMatch(/^层级 strategic：得分不低于 75 的客户。计划须具备：.*一位教练.*；每 90 天评审一次。$/);
    expect((plan.tier!.enumDescriptions as string[])[1]).toMatch(/得分不低于 55、低于 75 的客户/);
  });
});

describe('rule docs in zh-CN', () => {
  it.each(RULE_IDS)('%s: summary, description, why and fix in Chinese, with the codes of the English', (id) => {
    const en = RULE_DOCS[id];
    const doc = ruleDoc(id, zh);
    expect(doc.name).toBe(en.name);
    expect(doc.kind).toBe(en.kind);
    expect(doc.example).toBe(en.example);
    for (const [english, chinese] of [
      [RULES[id].description, ruleSummary(id, zh)],
      [en.fullDescription, doc.fullDescription],
      [en.why, doc.why],
      [en.fix, doc.fix],
    ] as const) {
      expect(chinese).toMatch(HAN);
      expect(chinese).not.toBe(english);
      expect(chinese).not.toMatch(/\s{2}|^\s|\s$/);
      for (const span of englishSpans(english)) expect(codeSpans(chinese), `${id}: ${chinese}`).toContain(span);
    }
    const md = helpMarkdown(id, zh);
    expect(md).toContain('#### 为什么重要');
    expect(md).toContain('#### 如何修正');
    expect(md).toContain(`\`rules: { ${id}: error | warn | off }\``);
    expect((md.replace(/```/g, '').match(/`/g) ?? []).length % 2).toBe(0);
    expect(helpText(id, zh)).toBe(`${doc.why}\n\n如何修正：${doc.fix}`);
  });

  it('RULES[id].description is the English summary of the catalog', () => {
    for (const id of RULE_IDS) expect(ruleSummary(id)).toBe(RULES[id].description);
  });

  it('follow the run translator by default; ENGLISH on request', () => {
    setTranslator(zh);
    expect(ruleSummary('no-coach')).toBe('客户关系中没有教练（友好的内部人士）。');
    expect(helpMarkdown('no-coach')).toContain('#### 为什么重要');
    expect(helpMarkdown('no-coach', ENGLISH)).toContain('#### Why it matters');
    expect(helpText('no-coach', ENGLISH)).toBe(`${RULE_DOCS['no-coach'].why}\n\nHow to fix: ${RULE_DOCS['no-coach'].fix}`);
  });
});
