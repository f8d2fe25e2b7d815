// Text on the report's charts, where SVG has no layout: how wide a text is (estimated, so that
// labels are placed before a browser sees them), fitting a text into a width, and the readable
// name of a criterion that kam.yaml gives no label.
import { i18n } from '../../i18n/index.js';

/** Full-width characters: Han, kana, Hangul, CJK punctuation and full-width forms (≈ 1 em each). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2026\u2014]|[\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;
const NARROW = /[ .,:;'!|iIljft()[\]r\-]/;
const BROAD = /[mwMW@%&]/;

/**
 * The width of `text` at `fontSize` px, estimated from above: a Han character (or kana, Hangul,
 * a full-width form) is 1 em, Latin about 0.6 em (narrow letters less, capitals and m, w more).
 * The measures are those of DejaVu Sans, the widest common sans-serif, so that a label placed with
 * them fits in any of the fonts of the report's font list.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) em += 1;
    else if (NARROW.test(ch)) em += 0.42;
    else if (BROAD.test(ch)) em += 1;
    else if (/[A-Z]/.test(ch)) em += 0.8;
    else if (/[a-z0-9]/.test(ch)) em += 0.64;
    else em += 0.8;
  }
  return em * fontSize;
}

/** `text`, cut with an ellipsis so that it is at most `maxWidth` px wide at `fontSize`. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that fits with the ellipsis (binary search: widths only grow with length).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${chars.slice(0, mid).join('').trimEnd()}…`, fontSize) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/**
 * The readable English of an id: `cumulativeVolume` → `Cumulative volume`, `techProspects` →
 * `Tech prospects`, `revenue_share` → `Revenue share`; runs of capitals stay (`customerNPS` →
 * `Customer NPS`).
 */
export function readableId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-]+/)
    .filter((w) => w !== '')
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()));
  if (words.length === 0) return id;
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

/** The name of a criterion on the report: its label in kam.yaml, else the readable English of its id. */
export function criterionName(id: string): string {
  const label = i18n().criterion(id);
  return label === id ? readableId(id) : label;
}
