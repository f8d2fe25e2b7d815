// Names → account ids and plan file names. A name is any Unicode ("中国移动 广东",
// "../../x", "Müller AG"); the id must be [a-z0-9-] (SPEC 2.1) and the file name must be
// safe on every file system and never a path.
import { createRequire } from 'node:module';

/** FNV-1a 32-bit: a stable, dependency-free hash for ids of names that ASCII cannot spell. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Latin letters with accents lose them (é → e, ß stays out); everything else is dropped. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Letters or digits that asciiSlug cannot keep (CJK, Cyrillic, Arabic…). */
function hasNonAsciiWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[A-Za-z0-9]/g, ''));
}

const MAX_SLUG_LENGTH = 64;

function trimSlug(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  return Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
}

/**
 * How ids are made of names ASCII cannot spell (kam.yaml `ids:`): `pinyin` (the default) spells
 * Han characters in pinyin without tones, one syllable per `-` ("中国移动" → "zhong-guo-yi-dong");
 * `hash` keeps the ids of kam before pinyin ("account-1a2b3c4d").
 */
export type IdStyle = 'pinyin' | 'hash';

/** The id style of a kam.yaml (its `ids:` key), or a style as given. */
export function idStyleOf(rules: IdStyle | object | undefined): IdStyle {
  if (rules === 'hash' || rules === 'pinyin') return rules;
  return typeof rules === 'object' && rules !== null && (rules as { ids?: unknown }).ids === 'hash' ? 'hash' : 'pinyin';
}

const HAN = /\p{Script=Han}/u;

type PinyinLib = typeof import('pinyin-pro');
let pinyinLib: PinyinLib | undefined;

/**
 * pinyin-pro, loaded on the first Han name (synchronously: ids are made row by row, on worker
 * threads too), so that commands and names that need no pinyin never load its dictionary.
 */
function pinyinPro(): PinyinLib {
  if (pinyinLib === undefined) {
    const lib = createRequire(import.meta.url)('pinyin-pro') as PinyinLib;
    // Words of company names its dictionary reads otherwise (行 of a bank's branch is háng).
    lib.customPinyin({ 分行: 'fēn háng', 支行: 'zhī háng', 总行: 'zǒng háng', 銀行: 'yín háng' });
    pinyinLib = lib;
  }
  return pinyinLib;
}

/** Ids already made of Han names, per name (an export repeats names; pinyin is the slow part). */
const pinyinIds = new Map<string, string | undefined>();
const PINYIN_CACHE_SIZE = 200_000;

/**
 * The pinyin id of a name holding Han characters, or undefined when pinyin does not spell all of
 * it (kana, Hangul, Cyrillic… or a character pinyin-pro does not know). Words are segmented, so
 * polyphones read as in the word (重庆 → chong-qing, 银行 → yin-hang); a long id is cut at a
 * syllable.
 */
function pinyinIdOf(normalized: string): string | undefined {
  if (pinyinIds.has(normalized)) return pinyinIds.get(normalized);
  // With tone marks: pinyin-pro's fastest output (its toneless one is twice as slow); kam drops them.
  const items = pinyinPro().pinyin(normalized, { type: 'array', nonZh: 'consecutive' });
  const parts: string[] = [];
  let id: string | undefined;
  let spelled = true;
  for (const item of items) {
    let part = itemParts.get(item);
    if (part === undefined) {
      part = itemPart(item);
      if (itemParts.size >= ITEM_CACHE_SIZE) itemParts.clear();
      itemParts.set(item, part);
    }
    if (part === null) {
      spelled = false; // kana, Hangul, Cyrillic… or a Han character pinyin-pro has no reading of
      break;
    }
    parts.push(part);
  }
  if (spelled) {
    let slug = parts.join('-').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (slug.length > MAX_SLUG_LENGTH) {
      const cut = slug.lastIndexOf('-', MAX_SLUG_LENGTH);
      slug = (cut > 0 ? slug.slice(0, cut) : slug.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
    }
    if (slug !== '') id = slug;
  }
  if (pinyinIds.size >= PINYIN_CACHE_SIZE) pinyinIds.clear();
  pinyinIds.set(normalized, id);
  return id;
}

/** What each item of pinyin-pro's output becomes in an id (a syllable: ~1,500 with tones), or null when ASCII cannot spell it. */
const itemParts = new Map<string, string | null>();
const ITEM_CACHE_SIZE = 20_000;

function itemPart(item: string): string | null {
  if (PINYIN_ITEM.test(item)) {
    // A syllable (or a run of lowercase ASCII): toneless, ü written v as in ASCII input methods.
    const plain = item.replace(TONED, (c) => TONELESS[c] ?? c);
    return U_SYLLABLE.test(item) ? plain.replace('ü', 'v') : plain.replace(/ü/g, 'u');
  }
  return hasNonAsciiWords(item) ? null : asciiSlug(item);
}

/** An item of pinyin-pro's output that is a syllable with tone marks (or plain lowercase ASCII). */
const PINYIN_ITEM = /^[a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+$/;
const TONED = /[āáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/g;
const TONELESS: Readonly<Record<string, string>> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ê: 'e', ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ǖ: 'ü', ǘ: 'ü', ǚ: 'ü', ǜ: 'ü',
  ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm',
};
/** The syllables of pinyin with ü (lü, nü, lüe, nüe, in any tone). */
const U_SYLLABLE = /^[ln][üǖǘǚǜ][eēéěè]?$/;

/** The id of a name and whether it had to take a hash (a name neither ASCII nor pinyin spells). */
function idOfName(name: string, style: IdStyle | object | undefined): { id: string; hashed: boolean } {
  if (PRINTABLE_ASCII.test(name)) return asciiIdOfName(name.trim());
  return unicodeIdOfName(name, style);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * idOfName of a name of printable ASCII: what the rules below give for it (NFC and NFKD change no
 * ASCII, and ASCII has no marks, no Han and no letters but A–Z a–z), without their Unicode passes,
 * which cost microseconds a name: a client file of a million ids like "ACC-00123" reads them all.
 * test/unit/slug.test.ts holds the two equal.
 */
function asciiIdOfName(normalized: string): { id: string; hashed: boolean } {
  const ascii = trimSlug(normalized.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).replace(/-+$/, '');
  if (ascii !== '') return { id: ascii, hashed: false };
  return { id: `account-${fnv1a(normalized)}`, hashed: true };
}

/** idOfName by the Unicode rules, for any name (exported for the test that holds the ASCII path equal). */
export function unicodeIdOfName(name: string, style?: IdStyle | object): { id: string; hashed: boolean } {
  const normalized = name.normalize('NFC').trim();
  if (HAN.test(normalized) && idStyleOf(style) === 'pinyin') {
    const id = pinyinIdOf(normalized);
    if (id !== undefined) return { id, hashed: false };
  }
  const ascii = trimSlug(asciiSlug(normalized)).replace(/-+$/, '');
  if (!hasNonAsciiWords(normalized) && ascii !== '') return { id: ascii, hashed: false };
  return { id: `${ascii === '' ? 'account' : ascii}-${fnv1a(normalized)}`, hashed: true };
}

/**
 * The account id of a name (SPEC 5: one rule for kam new, kam import and kam score --data): its
 * ASCII slug when ASCII spells the whole name ("Müller AG" → "muller-ag"); for Han names, their
 * pinyin ("中国移动 Guangdong" → "zhong-guo-yi-dong-guangdong"), unless `style` (a kam.yaml) says
 * `ids: hash`. A name neither spells (kana, Cyrillic, Arabic…) takes a hash of the name, so that
 * two such names never share an id: "guangdong-1a2b3c4d", or "account-1a2b3c4d" with no ASCII at all.
 */
export function accountIdFor(name: string, style?: IdStyle | object): string {
  return idOfName(name, style).id;
}

/** A valid account id as given (e.g. an `id` column), or its slug; undefined when nothing is left. */
export function normalizeAccountId(raw: string): string | undefined {
  const slug = trimSlug(asciiSlug(raw)).replace(/-+$/, '');
  return slug === '' ? undefined : slug;
}

// Device names that Windows refuses as file names, with or without an extension.
const RESERVED_STEMS = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * The file name (without extension) of a plan: Unicode letters and digits are kept, so a
 * Chinese name stays readable ("中国移动-广东"); every other run of characters (slashes,
 * dots, spaces, control characters) becomes one "-". Never empty, never a path, never a
 * dot file, never a Windows device name.
 */
export function fileStemFor(name: string, fallback: string): string {
  let stem = trimSlug(
    name
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
  );
  if (stem === '') stem = fallback;
  if (RESERVED_STEMS.test(stem)) stem = `${stem}-account`;
  return stem;
}

export interface PlanNaming {
  id: string;
  /** The plan's file name without extension. */
  stem: string;
}

/**
 * Id and file name of a new plan. The file is named after the id (ASCII, pinyin for Han names),
 * except when the id had to take a hash (a name neither spells): then the file keeps the name's
 * own letters, so that it stays readable.
 */
export function planNaming(name: string, explicitId?: string, style?: IdStyle | object): PlanNaming {
  if (explicitId !== undefined) {
    const id = normalizeAccountId(explicitId) ?? accountIdFor(explicitId, style);
    return { id, stem: fileStemFor(id, id) };
  }
  const { id, hashed } = idOfName(name, style);
  return { id, stem: fileStemFor(hashed ? name : id, id) };
}
