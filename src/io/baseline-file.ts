// The baseline file of `kam check --baseline <file>` / `--update-baseline` (core/baseline.ts):
// where it is, reading it (a file that is missing or malformed is exit 2, naming it and what is
// wrong), and writing it (inside the workspace, through a temporary file and rename; replacing
// the old one, since updating it is what was asked).
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { baselineOf, baselineText, entriesOutside, matchBaseline, parseBaseline, type Baseline } from '../core/baseline.js';
import type { Finding } from '../core/findings.js';
import { InputError } from '../errors.js';
import { english, msg, t } from '../i18n/index.js';
import { readFileSafe, reasonWord } from './read-file.js';
import { writeInside } from './safe-write.js';

export const DEFAULT_BASELINE = 'kam-baseline.json';
/** A baseline of a large legacy workspace holds many findings: more than a plan's 1 MiB. */
const BASELINE_LIMIT = 64 * 1024 * 1024;

export interface BaselineLocation {
  /** Absolute. */
  path: string;
  /** As the user gave it, or the default's name: for messages. */
  shown: string;
  /** The user named it (--baseline). */
  named: boolean;
}

/** `--baseline <file>` (relative to the current folder, like every path of the command line), else kam-baseline.json in the workspace root. */
export function baselineLocation(root: string, cwd: string, option: string | undefined): BaselineLocation {
  if (option !== undefined) return { path: resolve(cwd, option), shown: option, named: true };
  return { path: resolve(root, DEFAULT_BASELINE), shown: DEFAULT_BASELINE, named: false };
}

export function readBaseline(at: BaselineLocation): Baseline {
  const read = readFileSafe(at.path, { limit: BASELINE_LIMIT });
  if (!read.ok) {
    const params = { file: at.shown, reason: reasonWord(read.reason) };
    if (existsSync(at.path)) throw new InputError(msg('validation.baseline.unreadable', params));
    throw new InputError(at.named ? msg('validation.baseline.missing.named', params) : msg('validation.baseline.missing', params));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new InputError(msg('validation.baseline.not-utf8', { file: at.shown }));
  }
  const parsed = parseBaseline(text, at.shown);
  if (!parsed.ok) {
    // The message of the problem as a whole sentence (one per problem), else as the problem said it.
    const said = `the baseline ${at.shown} is malformed: ${parsed.problem}`;
    throw new InputError(english(parsed.text) === said ? parsed.text : said);
  }
  return parsed.baseline;
}

/** Writes the baseline (over the old one). Inside the workspace only: it is committed with the plans. */
export function writeBaseline(root: string, at: BaselineLocation, baseline: Baseline): void {
  const rel = relative(root, at.path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(msg('validation.baseline.outside', { file: at.shown, root }));
  }
  writeInside(root, { path: rel.split(sep).join('/'), content: baselineText(baseline) }, { force: true });
}

export interface BaselineStepOptions {
  /** The workspace root, and the folder kam runs in. */
  root: string;
  cwd: string;
  /** --baseline, when given. */
  file?: string;
  /** --update-baseline. */
  update: boolean;
  /** The files checked, when files were named on the command line (else every plan of the workspace was). */
  checked?: readonly string[];
}

export interface BaselineStep {
  /** The findings to report: those not in the baseline (none after an update). */
  findings: Finding[];
  notes: string[];
  /** The baseline was written (the command reports nothing more and exits 0). */
  updated: boolean;
}

/**
 * `kam check` with --baseline or --update-baseline: every finding (before --quiet) goes in. An
 * update with files named keeps the entries of the other files; without, it writes the baseline
 * anew (the entries of plans since deleted go).
 */
export function baselineStep(options: BaselineStepOptions, findings: readonly Finding[]): BaselineStep {
  const at = baselineLocation(options.root, options.cwd, options.file);
  const checked = options.checked ? new Set(options.checked) : undefined;
  if (options.update) {
    const keep = checked && existsSync(at.path) ? entriesOutside(readBaseline(at), checked) : [];
    const baseline = baselineOf(findings, keep);
    writeBaseline(options.root, at, baseline);
    const count = baseline.findings.reduce((n, e) => n + e.count, 0);
    const files = new Set(baseline.findings.map((e) => e.file)).size;
    return { findings: [], notes: [t('validation.baseline.wrote', { file: at.shown, count, files })], updated: true };
  }
  const match = matchBaseline(findings, readBaseline(at), checked);
  const notes: string[] = [];
  if (match.baselined > 0) notes.push(t('validation.baseline.not-shown', { file: at.shown, count: match.baselined }));
  if (match.fixed > 0) {
    const params = { file: at.shown, count: match.fixed };
    notes.push(at.named ? t('validation.baseline.fixed.named', params) : t('validation.baseline.fixed', params));
  }
  return { findings: match.reported, notes, updated: false };
}
