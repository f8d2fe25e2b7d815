// The translator kam speaks through: one per process, set once the locale is known (cli.ts for
// --help and usage errors, then the command once kam.yaml is read: commands/common.ts). Until then,
// and in every unit test that does not set one, it is English.
//
// Findings and errors carry a Message (id + parameters); their `message` text is English, made
// when they are created (what JSON, SARIF, baselines and fingerprints use). Human outputs render
// the Message again in the locale, with the labels of kam.yaml.
import type { Message, MessageId, ParamsArg } from './catalog.js';
import { en } from './en/index.js';
import type { Locale } from './locale.js';
import { renderTemplate, type ParamValue } from './template.js';

export { msg, type Message, type MessageId, type ParamsOf } from './catalog.js';
export { LOCALES, type Locale } from './locale.js';

/** A display label of kam.yaml: one text for every locale, or one per locale (`{ en: Strategic, zh-CN: 战略客户 }`). */
export type LabelText = string | Readonly<Record<string, string>>;

export interface Labels {
  tiers?: ReadonlyMap<string, LabelText>;
  criteria?: ReadonlyMap<string, LabelText>;
}

/** The plan values that have display names (catalog ids `value.<kind>.<value>`). */
export type ValueKind = 'role' | 'stance' | 'engagement' | 'whitespace' | 'engagementStatus' | 'actionStatus' | 'level' | 'severity' | 'section';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', 'zh-CN': 'zh-CN' };

export class Translator {
  private readonly numberFormats = new Map<string, Intl.NumberFormat>();

  constructor(
    readonly locale: Locale,
    private readonly catalog: Readonly<Record<string, string>>,
    private readonly labels: Labels = {},
  ) {}

  /** True when this translator renders every message exactly as its English text. */
  get isPlainEnglish(): boolean {
    return this.locale === 'en' && (this.labels.tiers?.size ?? 0) === 0 && (this.labels.criteria?.size ?? 0) === 0;
  }

  /** The same locale with the labels of a kam.yaml. */
  withLabels(labels: Labels): Translator {
    return new Translator(this.locale, this.catalog, labels);
  }

  t<K extends MessageId>(id: K, ...params: ParamsArg<K>): string {
    return this.template(id, (params[0] ?? {}) as Readonly<Record<string, ParamValue>>);
  }

  render(message: Message): string {
    return this.template(message.id, message.params);
  }

  /** The label of a tier in this locale, else its id. */
  tier(id: string): string {
    return labelIn(this.labels.tiers?.get(id), this.locale) ?? id;
  }

  criterion(id: string): string {
    return labelIn(this.labels.criteria?.get(id), this.locale) ?? id;
  }

  /** The display name of a plan value (a role, stance, engagement type…), else the value. */
  value(kind: ValueKind, value: string): string {
    return this.catalog[`value.${kind}.${value}`] ?? value;
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    const key = options === undefined ? '' : JSON.stringify(options);
    let format = this.numberFormats.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(INTL_LOCALE[this.locale], options);
      this.numberFormats.set(key, format);
    }
    return format.format(value);
  }

  /** A YYYY-MM-DD date for people: as written in English, 2026年12月1日 in Chinese. */
  date(iso: string): string {
    if (this.locale === 'en') return iso;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (m === null) return iso;
    return new Intl.DateTimeFormat(INTL_LOCALE[this.locale], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  }

  private template(id: string, params: Readonly<Record<string, ParamValue>>): string {
    const template = this.catalog[id] ?? (en as Readonly<Record<string, string>>)[id] ?? id;
    return renderTemplate(template, params, (kind, value) => this.formatValue(kind, value), this.locale === 'zh-CN');
  }

  private formatValue(kind: string, value: ParamValue): string {
    switch (kind) {
      case 'tier':
        return this.tier(String(value));
      case 'criterion':
        return this.criterion(String(value));
      case 'number':
        return typeof value === 'number' ? this.number(value) : String(value);
      case 'date':
        return this.date(String(value));
      default:
        return this.value(kind as ValueKind, String(value));
    }
  }
}

function labelIn(label: LabelText | undefined, locale: Locale): string | undefined {
  if (label === undefined) return undefined;
  if (typeof label === 'string') return label;
  return label[locale] ?? label.en;
}

/** English without labels: the text of `message` fields (JSON, SARIF, baselines). */
export const ENGLISH = new Translator('en', en);

let current: Translator = ENGLISH;

/** The translator of this run. */
export function i18n(): Translator {
  return current;
}

export function setTranslator(translator: Translator): void {
  current = translator;
}

/** A translator of `locale` (the Chinese catalog is loaded only when asked for). */
export async function translatorFor(locale: Locale, labels: Labels = {}): Promise<Translator> {
  if (locale === 'en') return new Translator('en', en, labels);
  const { zhCN } = await import('./zh-CN/index.js');
  return new Translator(locale, zhCN, labels);
}

/** Shorthand for `i18n().t(…)`. */
export function t<K extends MessageId>(id: K, ...params: ParamsArg<K>): string {
  return current.t(id, ...params);
}

/** English text of a message (what `message` fields hold). */
export function english(message: Message): string {
  return ENGLISH.render(message);
}
