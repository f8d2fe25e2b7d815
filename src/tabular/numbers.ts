// Numbers as spreadsheets write them into text: "1,234,567", "¥8,500,000", "1.234,56 €",
// "12%", "(1,234)", "1 234 567" with NBSP or thin-space groups. Pure.
//
// A cell is read under both decimal marks. Most cells are numbers under only one of them
// ("1,5" only with the decimal comma, "1,234.5" only with the point) or mean the same under
// both ("123", "1 234"); those settle nothing or settle the file. A cell such as "1.234" or
// "900.000" is a number under both, with different values: it is ambiguous, and only the file
// (its other cells, its delimiter) or the user (--decimal, data.decimal) can say which it is.

import { say, text, type Text } from './messages.js';

export type DecimalMark = '.' | ',';

export interface NumberReading {
  /** The value with '.' as the decimal mark (',' groups thousands), or null when the text is not a number so. */
  point: number | null;
  /** The value with ',' as the decimal mark ('.' groups thousands), or null. */
  comma: number | null;
  /** The currency symbol or code the text carried ('$', '¥', '€', '£', 'USD'…), if any. */
  currency?: string;
}

/** How a reading settles the decimal mark. */
export const NumberKind = {
  /** The same number under both marks (or not a number at all). */
  Plain: 0,
  /** A number only with the decimal point. */
  Point: 1,
  /** A number only with the decimal comma. */
  Comma: 2,
  /** A number under both marks, with different values. */
  Ambiguous: 3,
} as const;
export type NumberKind = (typeof NumberKind)[keyof typeof NumberKind];

export function kindOf(reading: NumberReading): NumberKind {
  const { point, comma } = reading;
  if (point === null) return comma === null ? NumberKind.Plain : NumberKind.Comma;
  if (comma === null) return NumberKind.Point;
  return point === comma ? NumberKind.Plain : NumberKind.Ambiguous;
}

export function valueUnder(reading: NumberReading, mark: DecimalMark): number | null {
  return mark === '.' ? reading.point : reading.comma;
}

const SYMBOLS = ['US$', 'HK$', 'A$', 'C$', 'S$', 'R$', 'CN¥', '$', '¥', '€', '£', '₹', '₩', '₽', 'kr', 'zł', 'Fr.', 'CHF'];
const CODE = /^[A-Z]{3}$/;
const KNOWN_CODES = new Set([
  'USD', 'EUR', 'GBP', 'CNY', 'RMB', 'JPY', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK',
  'HUF', 'INR', 'KRW', 'BRL', 'MXN', 'ZAR', 'RUB', 'TRY', 'AED', 'SAR', 'THB', 'MYR', 'IDR', 'PHP', 'VND', 'NZD',
]);

/**
 * Reads a cell's text as a number under both decimal marks; undefined when the cell is blank.
 * Understood: a sign before or after the digits ("-5", "5-" as SAP writes it, "−5"), accounting
 * negatives "(1,234)", a currency symbol or code before or after ("$12,500.00", "8 500 000 CNY"),
 * a trailing percent sign ("12%" = 0.12), groups of three digits separated by the other mark,
 * a space (NBSP, thin space…) or an apostrophe ("1'234.50"), and exponents without groups.
 * Fullwidth forms ("１２３", "￥", "％") read as their ASCII ones, ="1234" as 1234. Non-finite
 * values are not numbers.
 */
export function readNumber(text: string): NumberReading | undefined {
  // NFKC: fullwidth digits and signs become ASCII; NBSP, thin and narrow spaces become spaces.
  let s = (/[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text).trim();
  // ="1234": how exports keep Excel from reformatting a cell.
  if (s.startsWith('="') && s.endsWith('"') && s.length >= 3) s = s.slice(2, -1).trim();
  if (s === '') return undefined;
  const none: NumberReading = { point: null, comma: null };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let currency: string | undefined;
  const sign = () => {
    const c = s[0];
    if (c === '-' || c === '+' || c === '\u2212') {
      if (c !== '+') negative = !negative;
      s = s.slice(1).trim();
      return true;
    }
    const e = s[s.length - 1];
    if (e === '-' || e === '\u2212') {
      negative = !negative;
      s = s.slice(0, -1).trim();
      return true;
    }
    return false;
  };
  const signed = sign();
  currency = takeCurrency(s, (rest) => (s = rest));
  if (currency !== undefined && !signed) sign();
  if (currency !== undefined && percent) return none;
  if (s === '' || !/^[0-9]/.test(s.replace(/^[.,]/, ''))) return none;
  const finish = (v: number | null): number | null => {
    if (v === null) return null;
    let value = negative ? -v : v;
    if (percent) value /= 100;
    return Number.isFinite(value) ? value : null;
  };
  const reading: NumberReading = { point: finish(readCore(s, '.')), comma: finish(readCore(s, ',')) };
  if (currency !== undefined) reading.currency = currency;
  return reading;
}

/** Takes a currency symbol or code off either end of `s`; returns it, or undefined. */
function takeCurrency(s: string, rest: (value: string) => void): string | undefined {
  for (const symbol of SYMBOLS) {
    if (s.startsWith(symbol)) {
      rest(s.slice(symbol.length).trim());
      return symbol;
    }
    if (s.endsWith(symbol)) {
      rest(s.slice(0, -symbol.length).trim());
      return symbol;
    }
  }
  const head = s.slice(0, 3);
  if (CODE.test(head) && KNOWN_CODES.has(head)) {
    rest(s.slice(3).trim());
    return head;
  }
  const tail = s.slice(-3);
  if (CODE.test(tail) && KNOWN_CODES.has(tail)) {
    rest(s.slice(0, -3).trim());
    return tail;
  }
  return undefined;
}

const GROUP_SEPARATORS = [' ', "'", '\u2019'];

/**
 * The unsigned number of `s` with `mark` as the decimal mark, or null. Groups: the first of 1–3
 * digits (not a lone 0), the others of exactly 3, all with one separator; exponents only without groups.
 */
function readCore(s: string, mark: DecimalMark): number | null {
  const other = mark === '.' ? ',' : '.';
  let exponent = '';
  const e = /[eE][+-]?[0-9]+$/.exec(s);
  if (e) {
    exponent = e[0];
    s = s.slice(0, e.index);
  }
  const at = s.indexOf(mark);
  if (at !== s.lastIndexOf(mark)) return null;
  const whole = at === -1 ? s : s.slice(0, at);
  const fraction = at === -1 ? '' : s.slice(at + 1);
  if (at !== -1 && fraction === '' && whole === '') return null;
  if (fraction !== '' && !/^[0-9]+$/.test(fraction)) return null;
  let digits: string;
  if (/^[0-9]*$/.test(whole)) {
    digits = whole;
  } else {
    if (exponent !== '') return null;
    const separator = [other, ...GROUP_SEPARATORS].find((sep) => whole.includes(sep));
    if (separator === undefined) return null;
    const groups = whole.split(separator);
    const [first, ...rest] = groups as [string, ...string[]];
    if (!/^[1-9][0-9]{0,2}$/.test(first) || !rest.every((g) => /^[0-9]{3}$/.test(g))) return null;
    digits = groups.join('');
  }
  if (digits === '' && fraction === '') return null;
  return Number(`${digits === '' ? '0' : digits}.${fraction === '' ? '0' : fraction}${exponent}`);
}

/** A cell that settles (or leaves open) the decimal mark, where it is. */
export interface CellPlace {
  line: number;
  /** The header name of the cell's column. */
  column: string;
  /** The cell's text, shortened. */
  text: string;
  /** A workbook cell reference (B7), when the table is a sheet. */
  ref?: string;
}

/** What the number cells of a file said about its decimal mark and currency (crosses threads as plain data). */
export interface NumberEvidence {
  point: number;
  comma: number;
  ambiguous: number;
  firstPoint?: CellPlace;
  firstComma?: CellPlace;
  firstAmbiguous?: CellPlace;
  /** The first currency seen, and the first cell with another one. */
  currency?: { symbol: string; at: CellPlace };
  otherCurrency?: { symbol: string; at: CellPlace };
}

export const noEvidence = (): NumberEvidence => ({ point: 0, comma: 0, ambiguous: 0 });

/** The evidence of several parts of a file as one (the earliest place of each kind kept; parts in file order). */
export function mergeEvidence(parts: readonly NumberEvidence[]): NumberEvidence {
  const all = noEvidence();
  for (const e of parts) {
    all.point += e.point;
    all.comma += e.comma;
    all.ambiguous += e.ambiguous;
    all.firstPoint ??= e.firstPoint;
    all.firstComma ??= e.firstComma;
    all.firstAmbiguous ??= e.firstAmbiguous;
    if (e.currency) {
      if (!all.currency) all.currency = e.currency;
      else if (!sameCurrency(all.currency.symbol, e.currency.symbol)) all.otherCurrency ??= e.currency;
    }
    if (e.otherCurrency) all.otherCurrency ??= e.otherCurrency;
  }
  for (const key of ['firstPoint', 'firstComma', 'firstAmbiguous', 'currency', 'otherCurrency'] as const) if (all[key] === undefined) delete all[key];
  return all;
}

/** Records a cell's kind and currency; `place` is called only for the first cell of a kind. */
export function noteNumber(evidence: NumberEvidence, kind: NumberKind, currency: string | undefined, place: () => CellPlace): void {
  if (kind === NumberKind.Point) {
    if (evidence.point++ === 0) evidence.firstPoint = place();
  } else if (kind === NumberKind.Comma) {
    if (evidence.comma++ === 0) evidence.firstComma = place();
  } else if (kind === NumberKind.Ambiguous) {
    if (evidence.ambiguous++ === 0) evidence.firstAmbiguous = place();
  }
  if (currency === undefined) return;
  if (!evidence.currency) evidence.currency = { symbol: currency, at: place() };
  else if (!evidence.otherCurrency && !sameCurrency(evidence.currency.symbol, currency)) evidence.otherCurrency = { symbol: currency, at: place() };
}

// Symbols and the codes they may stand for ('$' for several dollars, '¥' for yuan and yen).
const SYMBOL_CODES: Record<string, string[]> = {
  $: ['USD', 'AUD', 'CAD', 'HKD', 'SGD', 'NZD', 'MXN', 'TWD'],
  US$: ['USD'], HK$: ['HKD'], A$: ['AUD'], C$: ['CAD'], S$: ['SGD'], R$: ['BRL'],
  '¥': ['CNY', 'RMB', 'JPY'], 'CN¥': ['CNY', 'RMB'], RMB: ['CNY', 'RMB'], CNY: ['CNY', 'RMB'],
  '€': ['EUR'], '£': ['GBP'], '₹': ['INR'], '₩': ['KRW'], '₽': ['RUB'], kr: ['SEK', 'NOK', 'DKK'], 'zł': ['PLN'], 'Fr.': ['CHF'],
};

/** The currency codes a symbol or code may mean. */
export function codesOf(symbol: string): string[] {
  return SYMBOL_CODES[symbol] ?? [symbol];
}

function sameCurrency(a: string, b: string): boolean {
  if (a === b) return true;
  const codesB = codesOf(b);
  return codesOf(a).some((code) => codesB.includes(code));
}

export interface DecimalDecision {
  mark: DecimalMark;
  /** A line for stderr when kam had to guess (from the delimiter), in the locale of the run. */
  note?: string;
}

/** Where a cell is, for messages: `export.csv:7: column revenue_2024 "1.234"` (without a file: `line 7, column …`). */
export function describePlace(file: string | undefined, place: CellPlace): string {
  return say(placeText(file, place));
}

/** describePlace as a message. */
export function placeText(file: string | undefined, place: CellPlace): Text {
  const cell = { column: place.column, text: place.text };
  if (file === undefined) return place.ref !== undefined ? text('data.place.cell.same-file', { ...cell, ref: place.ref }) : text('data.place.line.same-file', { ...cell, line: place.line });
  return place.ref !== undefined ? text('data.place.cell', { ...cell, file, ref: place.ref }) : text('data.place.line', { ...cell, file, line: place.line });
}

/**
 * The decimal mark of a file: asked (--decimal, data.decimal); else what its cells settle; else,
 * when some cell is ambiguous, a guess from the delimiter (';' is the list separator where the
 * decimal mark is a comma; ',' where it is a point), said on stderr; no guess for other tables
 * (tab-separated text, workbooks): then an ambiguous cell is an error. Returns the error (its text
 * in the locale of the run, and as a message) when the file cannot be read right: two marks in one
 * file, or an ambiguous cell nothing settles.
 */
export function decideDecimal(file: string, evidence: NumberEvidence, asked: DecimalMark | undefined, delimiter: string | undefined): DecimalDecision | { error: string; text: Text } {
  if (asked !== undefined) return { mark: asked };
  const refuse = (message: Text) => ({ error: say(message), text: message });
  if (evidence.firstPoint && evidence.firstComma) {
    return refuse(text('data.decimal.both', { first: placeText(file, evidence.firstPoint), second: placeText(undefined, evidence.firstComma) }));
  }
  if (evidence.firstPoint) return { mark: '.' };
  if (evidence.firstComma) return { mark: ',' };
  if (!evidence.firstAmbiguous) return { mark: delimiter === ';' ? ',' : '.' };
  const cell = placeText(file, evidence.firstAmbiguous);
  if (delimiter === ';') return { mark: ',', note: say(text('data.note.decimal-comma', { file, cell })) };
  if (delimiter === ',') return { mark: '.', note: say(text('data.note.decimal-point', { file, cell })) };
  return refuse(text('data.decimal.ambiguous', { cell }));
}
