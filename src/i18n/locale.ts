// Which language kam speaks: --locale, else KAM_LOCALE, else LC_ALL / LC_MESSAGES / LANG, else
// `locale:` in kam.yaml, else English. Pure: the caller passes the flag, the environment and the
// config.

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export type LocaleSource = 'flag' | 'env' | 'posix' | 'config' | 'default';

export interface ResolvedLocale {
  locale: Locale;
  source: LocaleSource;
}

/**
 * A locale as kam knows it, from a BCP 47 tag (`zh-CN`, `zh-Hans`, `en-GB`) or a POSIX name
 * (`zh_CN.UTF-8`, `en_US`); undefined for a language kam has no catalog of. Every Chinese tag
 * maps to zh-CN: it is the one Chinese catalog, and readers of Traditional Chinese read it better
 * than English.
 */
export function localeOf(tag: string): Locale | undefined {
  const language = tag.trim().split(/[._@-]/)[0]!.toLowerCase();
  if (language === 'en') return 'en';
  if (language === 'zh') return 'zh-CN';
  return undefined;
}

/** POSIX values that name no language (the C locale of containers and CI runners). */
function isNeutralPosix(value: string): boolean {
  const v = value.trim();
  return v === '' || v === 'C' || v === 'POSIX' || /^C\.[\w-]+$/i.test(v);
}

export interface LocaleInputs {
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  config?: string | undefined;
}

export class LocaleError extends Error {
  constructor(readonly where: string, readonly value: string) {
    super(`${where}: unknown locale "${value}" (kam speaks ${LOCALES.join(', ')})`);
  }
}

/**
 * The locale to use. An explicit choice (`--locale`, KAM_LOCALE, kam.yaml) that kam cannot speak
 * is an error; a POSIX locale of another language (de_DE.UTF-8) means English, and a neutral one
 * (C, C.UTF-8, POSIX) says nothing, so that kam.yaml decides on CI runners.
 */
export function resolveLocale(inputs: LocaleInputs): ResolvedLocale {
  if (inputs.flag !== undefined) return { locale: required(inputs.flag, '--locale'), source: 'flag' };
  const kamLocale = inputs.env.KAM_LOCALE;
  if (kamLocale !== undefined && kamLocale !== '') return { locale: required(kamLocale, 'KAM_LOCALE'), source: 'env' };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = inputs.env[name];
    if (value === undefined || isNeutralPosix(value)) continue;
    return { locale: localeOf(value) ?? 'en', source: 'posix' };
  }
  if (inputs.config !== undefined) return { locale: required(inputs.config, 'kam.yaml locale'), source: 'config' };
  return { locale: 'en', source: 'default' };
}

function required(value: string, where: string): Locale {
  const exact = (LOCALES as readonly string[]).find((l) => l.toLowerCase() === value.trim().toLowerCase());
  if (exact !== undefined) return exact as Locale;
  const locale = localeOf(value);
  if (locale === undefined) throw new LocaleError(where, value);
  return locale;
}

/** `--locale` as written in argv, read before commander parses (so --help is translated). */
export function localeFlagOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--locale') return argv[i + 1];
    if (arg.startsWith('--locale=')) return arg.slice('--locale='.length);
  }
  return undefined;
}
