// The catalogs (src/i18n): every zh-CN message has the placeholders of its English source, none
// is empty, and none is left in English; templates render as the English text kam always wrote.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en/index.js';
import { zhCN } from '../../src/i18n/zh-CN/index.js';
import { ENGLISH, msg, Translator, type LabelText } from '../../src/i18n/index.js';
import { placeholderNames, renderTemplate } from '../../src/i18n/template.js';
import { localeFlagOf, localeOf, resolveLocale } from '../../src/i18n/locale.js';

const english = en as Readonly<Record<string, string>>;
const chinese = zhCN as Readonly<Record<string, string>>;

/** zh-CN entries that may stay as written in English: names of formats, products and keys. */
const SAME_IN_CHINESE = new Set<string>([]);

describe('catalog parity', () => {
  it('zh-CN has exactly the ids of en', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(Object.keys(english))('%s: same placeholders, not empty, translated', (id) => {
    const source = english[id]!;
    const text = chinese[id]!;
    expect(source.trim(), 'empty English').not.toBe('');
    expect(text.trim(), 'empty translation').not.toBe('');
    expect(placeholderNames(text)).toEqual(placeholderNames(source));
    if (SAME_IN_CHINESE.has(id)) return;
    const words = text.replace(/\{[^}]*\}/g, '');
    // Translated: Chinese text, or (a line of only values and signs) no words at all.
    if (/[A-Za-z]{2,}/.test(source.replace(/\{[^}]*\}/g, ''))) {
      expect(/\p{Script=Han}/u.test(words) || !/[A-Za-z]{3,}/.test(words), `untranslated: ${text}`).toBe(true);
    }
  });
});

describe('templates', () => {
  it('renders names, plurals, kinds and literal braces', () => {
    const format = (kind: string, value: string | number) => `<${kind}:${value}>`;
    expect(renderTemplate('{n} {n|plan|plans} of {t:tier} {{x}}', { n: 1, t: 'key' }, format)).toBe('1 plan of <tier:key> {x}');
    expect(renderTemplate('{n} {n|plan|plans}', { n: 2 }, format)).toBe('2 plans');
    expect(placeholderNames('{a} {b:tier} {c|x|y} {{d}}')).toEqual(['a', 'b', 'c']);
  });

  it('spaces Latin values from Han text in Chinese', () => {
    expect(renderTemplate('{a}占收入的 {s}', { a: 'ACME', s: '5%' }, String, true)).toBe('ACME 占收入的 5%');
    expect(renderTemplate('在{a}内部', { a: 'ACME' }, String, true)).toBe('在 ACME 内部');
    expect(renderTemplate('在{a}内部', { a: '中国移动' }, String, true)).toBe('在中国移动内部');
  });

  it('English messages are the texts kam wrote before catalogs', () => {
    expect(ENGLISH.render(msg('rule.no-coach', { account: '中国移动' }))).toBe('add a coach: someone inside 中国移动 who guides you through the decision (a relationship with role: coach)');
    expect(ENGLISH.render(msg('rule.missing-criterion-data.revenue', { criterion: 'revenue' }))).toBe('no data for criterion revenue; add metrics.revenue ({ <year>: <amount> }) so the score is complete');
    expect(ENGLISH.render(msg('cli.no-valid-plan.score', { invalid: 1 }))).toBe('no valid plan to score: 1 plan has errors (run kam check)');
  });

  it('labels of kam.yaml in the locale, else the English one, else the id', () => {
    const zh = new Translator('zh-CN', chinese, { tiers: new Map<string, LabelText>([['strategic', { en: 'Strategic', 'zh-CN': '战略客户' }], ['key', { en: 'Key' }]]) });
    expect(zh.tier('strategic')).toBe('战略客户');
    expect(zh.tier('key')).toBe('Key');
    expect(zh.tier('growth')).toBe('growth');
    expect(zh.value('role', 'coach')).toBe('教练');
    expect(zh.number(1234567.5)).toBe('1,234,567.5');
    expect(zh.date('2026-12-01')).toBe('2026年12月1日');
  });
});

describe('locale resolution', () => {
  it('--locale, then KAM_LOCALE, then LC_ALL / LC_MESSAGES / LANG, then kam.yaml, then en', () => {
    const env = { KAM_LOCALE: 'en', LANG: 'zh_CN.UTF-8' };
    expect(resolveLocale({ flag: 'zh-CN', env, config: 'en' })).toEqual({ locale: 'zh-CN', source: 'flag' });
    expect(resolveLocale({ env, config: 'zh-CN' })).toEqual({ locale: 'en', source: 'env' });
    expect(resolveLocale({ env: { LANG: 'zh_CN.UTF-8' }, config: 'en' })).toEqual({ locale: 'zh-CN', source: 'posix' });
    expect(resolveLocale({ env: { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } }).locale).toBe('en');
    expect(resolveLocale({ env: { LC_MESSAGES: 'zh_CN.GB18030', LANG: 'en_US' } }).locale).toBe('zh-CN');
    expect(resolveLocale({ env: { LANG: 'C.UTF-8', LC_ALL: 'POSIX' }, config: 'zh-CN' })).toEqual({ locale: 'zh-CN', source: 'config' });
    expect(resolveLocale({ env: { LANG: 'de_DE.UTF-8' }, config: 'zh-CN' }).locale).toBe('en');
    expect(resolveLocale({ env: {} })).toEqual({ locale: 'en', source: 'default' });
  });

  it('an explicit locale kam cannot speak is an error naming where it was set', () => {
    expect(() => resolveLocale({ flag: 'fr', env: {} })).toThrow('--locale: unknown locale "fr"');
    expect(() => resolveLocale({ env: { KAM_LOCALE: 'de' } })).toThrow('KAM_LOCALE');
  });

  it('reads tags and POSIX names', () => {
    expect(localeOf('zh-Hans-CN')).toBe('zh-CN');
    expect(localeOf('zh_TW.UTF-8')).toBe('zh-CN');
    expect(localeOf('en_GB')).toBe('en');
    expect(localeOf('ja_JP')).toBeUndefined();
    expect(localeFlagOf(['check', '--locale', 'zh-CN'])).toBe('zh-CN');
    expect(localeFlagOf(['check', '--locale=en'])).toBe('en');
    expect(localeFlagOf(['new', '--', '--locale'])).toBeUndefined();
  });
});
