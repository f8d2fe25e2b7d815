// The registry of finding formats for `kam check` and `kam gaps --format json`.
import type { FindingsFormatName } from '../formats.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FindingsFormatter } from './types.js';

export const FINDINGS_FORMATTERS = { stylish, json, github, sarif, junit } satisfies Record<FindingsFormatName, FindingsFormatter>;
export type FindingsFormat = FindingsFormatName;

/** Never coloured, whatever the terminal. */
export const MACHINE_FORMATS: readonly FindingsFormat[] = ['json', 'github', 'sarif', 'junit'];
