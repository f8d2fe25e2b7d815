// The message template language of kam's catalogs, and the types that make a message's
// parameters checked at compile time.
//
//   {name}            the parameter as text
//   {name:kind}       the parameter shown by a formatter of the locale: tier, criterion (labels of
//                     kam.yaml), role, stance, engagement, … (display names of plan values),
//                     number, date
//   {name|one|other}  a word chosen by the number `name`: `one` when it is 1, else `other`
//   {{ and }}         literal braces
//
// The English catalog is the source: its templates are literal types, so `ParamsOf` of an id is
// the exact set of names its template uses, and a call that forgets or misspells one fails to
// compile. The other locales must use the same names (test/unit/catalog.test.ts).

export type ParamValue = string | number;

type NameOf<P extends string> = P extends `${infer N}:${string}` ? N : P extends `${infer N}|${string}` ? N : P;

/** The placeholder names of a template, as a union of string literals. */
export type PlaceholderNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `{${string}` ? never : NameOf<P>) | PlaceholderNames<Rest>
  : never;

export type ParamsOfTemplate<S extends string> = [PlaceholderNames<S>] extends [never]
  ? Record<never, never>
  : { readonly [N in PlaceholderNames<S>]: ParamValue };

/** What a `{name:kind}` placeholder asks the locale to do with a value. */
export type ValueFormatter = (kind: string, value: ParamValue) => string;

export type TemplatePart = string | { name: string; kind?: string; forms?: readonly [string, string] };

const cache = new Map<string, TemplatePart[]>();

/** A template split into text and placeholders (cached: templates are few, renders many). */
export function parseTemplate(template: string): TemplatePart[] {
  const cached = cache.get(template);
  if (cached !== undefined) return cached;
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
      text += ch;
      i += 2;
      continue;
    }
    if (ch === '{') {
      const end = template.indexOf('}', i + 1);
      if (end < 0) throw new Error(`unclosed placeholder in message template: ${template}`);
      const body = template.slice(i + 1, end);
      if (text !== '') parts.push(text);
      text = '';
      parts.push(placeholderOf(body));
      i = end + 1;
      continue;
    }
    text += ch;
    i++;
  }
  if (text !== '') parts.push(text);
  cache.set(template, parts);
  return parts;
}

function placeholderOf(body: string): TemplatePart {
  const bar = body.indexOf('|');
  if (bar >= 0) {
    const forms = body.slice(bar + 1).split('|');
    return { name: body.slice(0, bar), forms: [forms[0] ?? '', forms[1] ?? forms[0] ?? ''] };
  }
  const colon = body.indexOf(':');
  return colon >= 0 ? { name: body.slice(0, colon), kind: body.slice(colon + 1) } : { name: body };
}

/** The placeholder names a template uses (for the catalog tests). */
export function placeholderNames(template: string): string[] {
  const names = new Set<string>();
  for (const part of parseTemplate(template)) if (typeof part !== 'string') names.add(part.name);
  return [...names].sort();
}

/**
 * `spaced`: put a space where a value meets Han text with a Latin letter or digit
 * (中文排版: `ACME Telecom 占收入的` rather than `ACME Telecom占收入的`).
 */
export function renderTemplate(template: string, params: Readonly<Record<string, ParamValue>>, format: ValueFormatter, spaced = false): string {
  let out = '';
  let valueEnd = false; // the text so far ends with a value
  for (const part of parseTemplate(template)) {
    if (typeof part === 'string') {
      if (spaced && valueEnd && LATIN_END.test(out) && HAN_START.test(part)) out += ' ';
      out += part;
      valueEnd = false;
      continue;
    }
    const raw = params[part.name];
    let value: string;
    if (raw === undefined) value = `{${part.name}}`;
    else if (part.forms !== undefined) value = Number(raw) === 1 ? part.forms[0] : part.forms[1];
    else if (part.kind !== undefined) value = format(part.kind, raw);
    else value = String(raw);
    if (spaced && !valueEnd && HAN_END.test(out) && LATIN_START.test(value)) out += ' ';
    out += value;
    valueEnd = true;
  }
  return out;
}

const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;
const LATIN_END = /[A-Za-z0-9]$/;
const LATIN_START = /^[A-Za-z0-9]/;
