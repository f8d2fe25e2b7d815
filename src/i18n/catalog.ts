// The shape of a catalog: the English one is the source of the message ids and of their
// parameters; every other locale translates each id, no more, no fewer (checked by `satisfies`).
import type { ParamsOfTemplate, ParamValue } from './template.js';
import type { en } from './en/index.js';

export type Catalog = typeof en;
export type MessageId = keyof Catalog;

/** A locale's catalog of one area: the same keys as the English one, any wording. */
export type Translation<Source> = { readonly [K in keyof Source]: string };

/** The parameters a message takes, read from its English template. */
export type ParamsOf<K extends MessageId> = ParamsOfTemplate<Catalog[K]>;

/** `t(id)` for a message without parameters, `t(id, params)` otherwise. */
export type ParamsArg<K extends MessageId> = [keyof ParamsOf<K>] extends [never] ? [params?: ParamsOf<K>] : [params: ParamsOf<K>];

/** A message as data: what findings and errors carry until an output renders it in a locale. */
export interface Message {
  readonly id: MessageId;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export function msg<K extends MessageId>(id: K, ...params: ParamsArg<K>): Message {
  return { id, params: (params[0] ?? {}) as Readonly<Record<string, ParamValue>> };
}
