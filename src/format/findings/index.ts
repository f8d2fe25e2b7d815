// The registry of finding formats for `kam check` (and `kam gaps --format json`).
import type { FindingsFormatName } from '../formats.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FindingsFormatter } from './types.js';

export type { FindingsFormatOptions, FindingsFormatter } from './types.js';

// Keyed by the names of ../formats.ts, so the two lists cannot drift apart.
export const FINDINGS_FORMATTERS = { stylish, json, github, sarif, junit, markdown } satisfies Record<FindingsFormatName, FindingsFormatter>;
export type FindingsFormat = keyof typeof FINDINGS_FORMATTERS;

/**
 * Never coloured, whatever the terminal or --color says: every format but stylish (markdown is
 * for people, but read on GitHub, where a colour sequence is noise).
 */
export const MACHINE_FORMATS: readonly FindingsFormat[] = ['json', 'github', 'sarif', 'junit', 'markdown'];

export function isMachineFormat(format: string): boolean {
  return (MACHINE_FORMATS as readonly string[]).includes(format);
}
