// Which encoding a client export is in, and what to tell the user when its bytes do not
// decode. Pure functions over bytes: the caller reads the file.
//
// Excel saves "CSV" in the ANSI code page of the machine (windows-1252 in Western Europe,
// GBK in China, Shift_JIS in Japan), "CSV UTF-8" with a UTF-8 BOM and "Unicode Text" as
// UTF-16LE with a BOM. Only a BOM is certain; everything else here is a hint.

import { isUtf8 } from 'node:buffer';
import { DataInputError, DataUsageError, listOf, say, text, type Text } from './messages.js';

/** How the bytes of a text file are to be decoded, and why. */
export interface EncodingChoice {
  /** A TextDecoder label, normalized to TextDecoder's own name (new TextDecoder(x).encoding). */
  encoding: string;
  /** Bytes of a byte order mark at the start (3 for UTF-8, 2 for UTF-16), to skip; 0 when none. */
  bomLength: number;
  /** Where the choice came from. */
  source: 'bom' | 'flag' | 'config' | 'default';
  /** A line for stderr when the BOM overrides an --encoding flag or data.encoding that says otherwise (in the locale of the run). */
  note?: string;
}

const EXAMPLES = 'utf-8, gb18030, windows-1252, shift_jis, utf-16le';

interface Bom {
  bytes: readonly number[];
  name: string;
  /** undefined: a BOM of an encoding TextDecoder cannot read. */
  encoding: string | undefined;
}

// UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE.
const BOMS: readonly Bom[] = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32LE', encoding: undefined },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32BE', encoding: undefined },
  { bytes: [0xef, 0xbb, 0xbf], name: 'UTF-8', encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], name: 'UTF-16LE', encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], name: 'UTF-16BE', encoding: 'utf-16be' },
];

function bomOf(head: Uint8Array): Bom | undefined {
  return BOMS.find((bom) => bom.bytes.length <= head.length && bom.bytes.every((b, i) => head[i] === b));
}

/** TextDecoder's name for a label, or undefined when Node cannot decode it. */
function decoderName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** How kam writes an encoding in a sentence. */
function displayName(encoding: string): string {
  const names: Record<string, string> = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16LE',
    'utf-16be': 'UTF-16BE',
    gb18030: 'GB18030',
    gbk: 'GBK',
    shift_jis: 'Shift_JIS',
  };
  return names[encoding] ?? encoding;
}

interface Asked {
  encoding: string;
  source: 'flag' | 'config' | 'default';
  label?: string;
  where?: string;
}

/** The encoding the user asked for; only the one in effect is checked (the flag hides kam.yaml). */
function askedEncoding(asked: { flag?: string | undefined; config?: string | undefined }): Asked {
  const pick =
    asked.flag !== undefined
      ? { label: asked.flag, source: 'flag' as const, where: '--encoding' }
      : asked.config !== undefined
        ? { label: asked.config, source: 'config' as const, where: 'kam.yaml data.encoding' }
        : undefined;
  if (pick === undefined) return { encoding: 'utf-8', source: 'default' };
  const encoding = decoderName(pick.label);
  if (encoding === undefined) {
    throw new DataUsageError(text(pick.source === 'flag' ? 'data.unknown-encoding.flag' : 'data.unknown-encoding.config', { label: pick.label, examples: EXAMPLES }));
  }
  return { encoding, source: pick.source, label: pick.label, where: pick.where };
}

/**
 * The encoding of a file from its first bytes (4 are enough) and what the user asked: a BOM
 * (UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF) is certain and wins; else --encoding (flag),
 * else kam.yaml data.encoding (config), else UTF-8. An unknown label throws UsageError naming
 * where it came from; a UTF-32 BOM throws InputError.
 */
export function chooseEncoding(file: string, head: Uint8Array, asked: { flag?: string | undefined; config?: string | undefined }): EncodingChoice {
  const wanted = askedEncoding(asked);
  const bom = bomOf(head);
  if (bom === undefined) return { encoding: wanted.encoding, bomLength: 0, source: wanted.source };
  if (bom.encoding === undefined) {
    throw new DataInputError(text('data.utf32-bom', { file, bom: bom.name }));
  }
  const choice: EncodingChoice = { encoding: bom.encoding, bomLength: bom.bytes.length, source: 'bom' };
  if (wanted.source !== 'default' && wanted.encoding !== bom.encoding) {
    choice.note = say(text('data.note.bom-wins', { file, bom: bom.name, label: wanted.label!, where: wanted.where! }));
  }
  return choice;
}

type Likely = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252' | 'shift_jis' | 'binary' | undefined;

/** What a sample of bytes looks like, for a hint: the likely encoding and the evidence. */
export interface BytesLook {
  likely: Likely;
  /** Short evidence, e.g. "every second byte is 0" (in the locale of the run). */
  why: string;
}

/** The same, with the evidence as a message (plain data: it is rendered where it is shown). */
export interface BytesLookText {
  likely: Likely;
  why: Text;
}

/**
 * Text of bytes, leniently. Always streaming: Node 20.18.3+ decodes windows-1252 without
 * { stream: true } as Latin-1 (0x80 as U+0080, not €; nodejs/node#60888), and with it through
 * ICU, which is right. An incomplete character at the end is left out.
 */
function textOf(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes, { stream: true });
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * What a sample looks like. The sample should start where a character starts (the start of
 * the file or of a line) and, for UTF-16 without BOM, at an even offset of the file; it may
 * end in the middle of a character.
 */
export function lookOfBytes(sample: Uint8Array): BytesLook {
  const look = lookOf(sample);
  return { likely: look.likely, why: say(look.why) };
}

/** lookOfBytes, with the evidence as a message. */
export function lookOf(sample: Uint8Array): BytesLookText {
  if (sample.length === 0) return { likely: undefined, why: text('data.look.empty') };
  return bomLook(sample) ?? workbookLook(sample) ?? utf16Look(sample) ?? binaryLook(sample) ?? utf8Look(sample) ?? legacyLook(sample);
}

function bomLook(sample: Uint8Array): BytesLookText | undefined {
  const bom = bomOf(sample);
  if (bom === undefined) return undefined;
  const likely = bom.encoding === 'utf-8' || bom.encoding === 'utf-16le' || bom.encoding === 'utf-16be' ? bom.encoding : undefined;
  return { likely, why: text('data.look.bom', { bom: bom.name }) };
}

// Users pass the workbook itself as --data: say so rather than "not UTF-8".
function workbookLook(sample: Uint8Array): BytesLookText | undefined {
  const startsWith = (bytes: number[]): boolean => bytes.every((b, i) => sample[i] === b);
  if (startsWith([0x50, 0x4b, 0x03, 0x04])) return { likely: 'binary', why: text('data.look.zip') };
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { likely: 'binary', why: text('data.look.xls') };
  return undefined;
}

/**
 * UTF-16 text with ASCII in it (digits, separators, line ends) has a 0 byte in every ASCII
 * character, always on the same side: at odd offsets in LE, even offsets in BE. The other side
 * has a 0 only for rare characters such as U+4E00.
 */
function utf16Look(sample: Uint8Array): BytesLookText | undefined {
  const units = Math.floor(sample.length / 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pattern = (zeros: number, others: number): boolean => zeros >= 2 && zeros * 10 >= units && others * 4 <= zeros;
  if (pattern(odd, even)) return { likely: 'utf-16le', why: text('data.look.utf16le', { zeros: odd, units }) };
  if (pattern(even, odd)) return { likely: 'utf-16be', why: text('data.look.utf16be', { zeros: even, units }) };
  return undefined;
}

/** Control bytes that no text file of these encodings has (tab, LF, FF, CR and DOS's end-of-file 0x1A are fine). */
function isStrayControl(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f;
}

function binaryLook(sample: Uint8Array): BytesLookText | undefined {
  const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nuls > 0) return { likely: 'binary', why: text('data.look.nul', { nuls }) };
  const controls = sample.reduce((n, b) => n + (isStrayControl(b) ? 1 : 0), 0);
  if (controls >= 2 && controls * 20 >= sample.length) {
    const first = sample.find(isStrayControl) ?? 0;
    return { likely: 'binary', why: text('data.look.controls', { controls, length: sample.length, byte: hex(first) }) };
  }
  return undefined;
}

const isHigh = (b: number | undefined): boolean => b !== undefined && b >= 0x80;
const isContinuation = (b: number | undefined): boolean => b !== undefined && b >= 0x80 && b <= 0xbf;

function utf8Look(sample: Uint8Array): BytesLookText | undefined {
  if (!sample.some(isHigh)) return { likely: undefined, why: text('data.look.ascii') };
  let start = 0;
  while (start < 3 && isContinuation(sample[start])) start++; // a sample cut inside a character
  const body = sample.subarray(start);
  if (firstUndecodable(body, 'utf-8', true) !== -1) return undefined;
  const decoded = textOf(body, 'utf-8');
  const chars = [...decoded].filter((c) => c.codePointAt(0)! >= 0x80);
  if (chars.length === 0) return undefined; // only a lead byte at the end, as "caf\xE9" has
  return { likely: 'utf-8', why: text('data.look.utf8', { count: chars.length, char: chars[0]! }) };
}

/** Maximal runs of bytes 0x80–0xFF. */
function highRuns(sample: Uint8Array): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < sample.length; i++) {
    if (!isHigh(sample[i])) continue;
    const start = i;
    while (isHigh(sample[i + 1])) i++;
    runs.push({ start, length: i - start + 1 });
  }
  return runs;
}

const isAsciiLetter = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/** cp1252 letters: À–ÿ but × and ÷, and Š Œ Ž š œ ž Ÿ. */
function isCp1252Letter(b: number): boolean {
  return (b >= 0xc0 && b !== 0xd7 && b !== 0xf7) || [0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(b);
}

/** cp1252 symbols seen in exports: € … ‘ ’ “ ” – — nbsp £ § © ® ° ² ³ µ. */
const CP1252_SYMBOLS = new Set([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xa0, 0xa3, 0xa7, 0xa9, 0xae, 0xb0, 0xb2, 0xb3, 0xb5]);

/** Bytes cp1252 leaves undefined (Node decodes them as C1 controls). */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * High bytes that read as Western text in cp1252: an accented letter in a run of at most
 * two high bytes touching an ASCII letter (Müller, Größe), or a lone symbol (€, –, nbsp).
 * Chinese and Japanese text has long runs of high bytes between separators instead.
 */
function westernBytes(sample: Uint8Array, runs: { start: number; length: number }[]): number[] {
  const western: number[] = [];
  for (const { start, length } of runs) {
    const bytes = [...sample.subarray(start, start + length)];
    const inWord = length <= 2 && (isAsciiLetter(sample[start - 1]) || isAsciiLetter(sample[start + length]));
    if (inWord && bytes.every(isCp1252Letter)) western.push(...bytes);
    else if (length === 1 && CP1252_SYMBOLS.has(bytes[0]!)) western.push(bytes[0]!);
  }
  return western;
}

interface Pairs {
  /** High bytes in typical two-byte characters of the encoding. */
  typical: number;
  /** How many such characters. */
  count: number;
  /** The first typical pair, for the evidence. */
  example: [number, number] | undefined;
}

/**
 * GBK pairs with both bytes in 0xA1–0xFE are the GB2312 set: all common hanzi and full-width
 * punctuation. Bytes like "M\xFCller" also parse as GBK pairs (0xFC 0x6C), but with an ASCII
 * trail byte, which common hanzi never have.
 */
function gbPairs(sample: Uint8Array): Pairs {
  const pairs: Pairs = { typical: 0, count: 0, example: undefined };
  for (let i = 0; i < sample.length; i++) {
    const lead = sample[i]!;
    const trail = sample[i + 1];
    if (lead < 0x81 || lead === 0xff || trail === undefined) continue;
    if (trail >= 0x30 && trail <= 0x39) {
      i += 3; // a four-byte GB18030 sequence: rare characters
    } else {
      if (lead >= 0xa1 && trail >= 0xa1 && trail <= 0xfe) {
        pairs.typical += 2;
        pairs.count++;
        pairs.example ??= [lead, trail];
      }
      i += 1;
    }
  }
  return pairs;
}

/** Shift_JIS pairs with the lead of symbols, kana and JIS level 1–2 kanji (0x81–0x84, 0x88–0x9F, 0xE0–0xEA); 0xA1–0xDF alone are half-width katakana. */
function sjisPairs(sample: Uint8Array): Pairs {
  const pairs: Pairs = { typical: 0, count: 0, example: undefined };
  for (let i = 0; i < sample.length; i++) {
    const lead = sample[i]!;
    const trail = sample[i + 1];
    const isLead = (lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xfc);
    if (!isLead || trail === undefined) continue;
    const typicalLead = lead <= 0x84 || (lead >= 0x88 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xea);
    if (typicalLead && trail >= 0x40 && trail <= 0xfc && trail !== 0x7f) {
      pairs.typical += isHigh(trail) ? 2 : 1;
      pairs.count++;
      pairs.example ??= [lead, trail];
    }
    i += 1;
  }
  return pairs;
}

function decodes(sample: Uint8Array, encoding: string): boolean {
  return firstUndecodable(sample, encoding, true) === -1;
}

function pairWhy(pair: [number, number] | undefined, encoding: string, share: number): Text {
  const percent = Math.round(share * 100);
  if (pair === undefined) return text('data.look.pairs.plain', { share: percent });
  const char = textOf(Uint8Array.from(pair), encoding);
  return text('data.look.pairs', { share: percent, lead: hex(pair[0]), trail: hex(pair[1]), char, encoding: displayName(encoding) });
}

/** Whether most high bytes are in typical pairs (70%), two at least, and the whole sample decodes. */
function pairedIn(sample: Uint8Array, encoding: string, pairs: Pairs, high: number): boolean {
  return pairs.count >= 2 && pairs.typical >= 0.7 * high && decodes(sample, encoding);
}

/**
 * Thresholds, as shares of the bytes 0x80–0xFF: windows-1252 when 60% read as Western letters
 * or symbols (checked first: such text also decodes as GB18030, as "M黮ler"); GB18030 or
 * Shift_JIS when 70% are in typical pairs.
 */
function legacyLook(sample: Uint8Array): BytesLookText {
  const runs = highRuns(sample);
  const high = runs.reduce((n, run) => n + run.length, 0);
  const western = westernBytes(sample, runs);
  if (western.length >= 0.6 * high && !sample.some((b) => CP1252_UNDEFINED.has(b))) {
    const examples = [...new Set(western)].slice(0, 3).map((b) => text('data.look.byte', { byte: hex(b), char: textOf(Uint8Array.of(b), 'windows-1252') }));
    return { likely: 'windows-1252', why: text('data.look.western', { examples: listOf(examples) }) };
  }
  const gb = gbPairs(sample);
  if (pairedIn(sample, 'gb18030', gb, high)) return { likely: 'gb18030', why: pairWhy(gb.example, 'gb18030', gb.typical / high) };
  const sjis = sjisPairs(sample);
  if (pairedIn(sample, 'shift_jis', sjis, high)) return { likely: 'shift_jis', why: pairWhy(sjis.example, 'shift_jis', sjis.typical / high) };
  return { likely: undefined, why: text('data.look.unknown') };
}

/** How Excel names the files it saves in an encoding. */
const EXCEL_NAMES: Record<string, 'data.excel.windows-1252' | 'data.excel.gb18030' | 'data.excel.shift_jis' | 'data.excel.utf-16le'> = {
  'windows-1252': 'data.excel.windows-1252',
  gb18030: 'data.excel.gb18030',
  shift_jis: 'data.excel.shift_jis',
  'utf-16le': 'data.excel.utf-16le',
};

function hintFor(inUse: string, look: BytesLookText): Text {
  const { likely, why } = look;
  if (likely === 'binary') return text('data.hint.binary', { why });
  if (likely === 'utf-8' && inUse !== 'utf-8') return text('data.hint.utf8', { why });
  if (likely !== undefined && likely !== inUse) {
    const excel = EXCEL_NAMES[likely];
    const encoding = displayName(likely);
    return excel !== undefined ? text('data.hint.other', { encoding, excel: text(excel), why, likely }) : text('data.hint.other.plain', { encoding, why, likely });
  }
  return likely === undefined ? text('data.hint.unknown', { why }) : text('data.hint.damaged');
}

/**
 * The message when the file is not valid in the encoding in use: the place of the first bad
 * byte, the byte, and a hint from the look of `sample` (bytes before and around the bad byte,
 * starting at a line start or the file start). Never suggests the encoding in use.
 */
export function decodeFailureMessage(file: string, inUse: string, place: { line: number; column: number } | { offset: number }, badByte: number, sample: Uint8Array): string {
  return say(decodeFailure(file, inUse, place, badByte, sample));
}

/** decodeFailureMessage as a message. */
export function decodeFailure(file: string, inUse: string, place: { line: number; column: number } | { offset: number }, badByte: number, sample: Uint8Array): Text {
  const encoding = decoderName(inUse) ?? inUse;
  const said = { file, byte: hex(badByte), encoding: displayName(encoding), hint: hintFor(encoding, lookOf(sample)) };
  return 'line' in place ? text('data.decode-failure.at', { ...said, line: place.line, column: place.column }) : text('data.decode-failure.offset', { ...said, offset: place.offset });
}

function streamDecodes(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function fullyDecodes(bytes: Uint8Array, encoding: string): boolean {
  if (encoding === 'utf-8') return isUtf8(bytes);
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the character that holds byte `failsAt` starts: the last character boundary at or
 * before it (no encoding here has characters of more than 4 bytes).
 */
function characterStart(bytes: Uint8Array, encoding: string, failsAt: number): number {
  for (let start = failsAt; start >= Math.max(0, failsAt - 3); start--) {
    if (fullyDecodes(bytes.subarray(0, start), encoding)) return start;
  }
  return failsAt;
}

/**
 * The offset of the first byte of `bytes` that a fatal TextDecoder of `encoding` cannot decode,
 * or -1 when the bytes decode (an incomplete sequence at the very end counts as valid when
 * `more` is true). Of a sequence broken by the byte after it (0xE9 0x2C in UTF-8), the offset
 * is that of its first byte: the character the user sees as wrong. A failing call decodes
 * about log2(length) prefixes: give it the chunk that failed, not the whole file.
 */
export function firstUndecodable(bytes: Uint8Array, encoding: string, more: boolean): number {
  const name = decoderName(encoding) ?? encoding;
  if (streamDecodes(bytes, name)) {
    if (more || fullyDecodes(bytes, name)) return -1;
    return characterStart(bytes, name, bytes.length);
  }
  // The longest prefix that decodes; once a prefix fails, every longer one does.
  let ok = 0;
  let fails = bytes.length;
  while (fails - ok > 1) {
    const mid = ok + Math.floor((fails - ok) / 2);
    if (streamDecodes(bytes.subarray(0, mid), name)) ok = mid;
    else fails = mid;
  }
  return characterStart(bytes, name, ok);
}

/** Line (1-based; LF, CRLF and a lone CR end a line) and column (1-based, in code points) of the byte after `before`. */
export function placeOf(before: Uint8Array, encoding: string): { line: number; column: number } {
  const text = textOf(before, encoding);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...text.slice(lineStart)].length + 1 };
}
