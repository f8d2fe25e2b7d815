// Names → account ids and plan file names. A name is any Unicode ("中国移动 广东",
// "../../x", "Müller AG"); the id must be [a-z0-9-] (SPEC 2.1) and the file name must be
// safe on every file system and never a path.

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
 * The account id of a name: its ASCII slug when ASCII spells the whole name ("Müller AG" →
 * "muller-ag"). When it cannot (CJK and other scripts), a hash of the name is added, so that
 * "中国移动 Guangdong" and "中国联通 Guangdong" never share an id: "guangdong-1a2b3c4d";
 * a name with no ASCII at all becomes "account-1a2b3c4d".
 */
export function accountIdFor(name: string): string {
  const normalized = name.normalize('NFC').trim();
  const ascii = trimSlug(asciiSlug(normalized)).replace(/-+$/, '');
  if (!hasNonAsciiWords(normalized) && ascii !== '') return ascii;
  return `${ascii === '' ? 'account' : ascii}-${fnv1a(normalized)}`;
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
 * Id and file name of a new plan. The file is named after the id, except when the id had to
 * take a hash (a name ASCII cannot spell): then the file keeps the name's own letters.
 */
export function planNaming(name: string, explicitId?: string): PlanNaming {
  if (explicitId !== undefined) {
    const id = normalizeAccountId(explicitId) ?? accountIdFor(explicitId);
    return { id, stem: fileStemFor(id, id) };
  }
  const id = accountIdFor(name);
  return { id, stem: fileStemFor(hasNonAsciiWords(name.normalize('NFC')) ? name : id, id) };
}

