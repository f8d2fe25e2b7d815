// The messages of client-data reading as data: a catalog message whose parameters may be other
// messages (a cell's place inside an error, the evidence of an encoding inside a hint). Plain
// data, so that it crosses to the main thread from a worker (which speaks English), and is
// rendered there, in the locale of the run, only when there is something to say.
import { ENGLISH, i18n, type Message, type MessageId, type ParamsOf, type Translator } from '../i18n/index.js';
import type { ParamValue } from '../i18n/template.js';
import { InputError, UsageError } from '../errors.js';

/** A list of values or texts, joined by the locale's separator of that kind, or one per line, indented ('lines'). */
export interface TextList {
  readonly list: readonly (ParamValue | Text)[];
  /** The catalog id of the separator, or 'lines'. */
  readonly by: 'data.list.comma' | 'data.list.and' | 'data.list.semicolon' | 'lines';
}

export type TextParam = ParamValue | Text | TextList;

export interface Text {
  readonly id: MessageId;
  readonly params: Readonly<Record<string, TextParam>>;
}

type TextParams<K extends MessageId> = { readonly [N in keyof ParamsOf<K>]: TextParam };

/** A message whose parameters may be texts themselves. */
export function text<K extends MessageId>(id: K, ...params: [keyof ParamsOf<K>] extends [never] ? [] : string extends keyof ParamsOf<K> ? [] : [TextParams<K>]): Text {
  return { id, params: (params[0] ?? {}) as Readonly<Record<string, TextParam>> };
}

export const listOf = (list: readonly (ParamValue | Text)[], by: TextList['by'] = 'data.list.comma'): TextList => ({ list, by });

function isText(value: TextParam): value is Text {
  return typeof value === 'object' && 'id' in value;
}

function renderParam(translator: Translator, value: TextParam): ParamValue {
  if (typeof value !== 'object') return value;
  if (isText(value)) return render(translator, value);
  const items = value.list.map((item) => renderParam(translator, item));
  if (value.by === 'lines') return items.map((item) => `  ${item}`).join('\n');
  return items.join(translator.render({ id: value.by, params: {} }));
}

/** The message with its inner texts rendered by `translator`. */
export function flatten(translator: Translator, message: Text): Message {
  const params: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(message.params)) params[name] = renderParam(translator, value);
  return { id: message.id, params };
}

export function render(translator: Translator, message: Text): string {
  return translator.render(flatten(translator, message));
}

/** The text in the locale of this run (a note for stderr, made when the command has set it). */
export const say = (message: Text): string => render(i18n(), message);

/** An error that carries its text as data (it crosses threads): rendered in the locale of the run, its `message` in English. */
export class DataInputError extends InputError {
  constructor(readonly data: Text) {
    super(flatten(i18n(), data));
    this.message = render(ENGLISH, data);
  }
}

export class DataUsageError extends UsageError {
  constructor(readonly data: Text) {
    super(flatten(i18n(), data));
    this.message = render(ENGLISH, data);
  }
}
