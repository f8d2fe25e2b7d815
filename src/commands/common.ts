// Options shared by the command adapters, parsed and validated in one place.
import { resolve } from 'node:path';
import { isoDateOf, isValidIsoDate } from '../core/dates.js';
import type { Finding } from '../core/findings.js';
import { NoValidPlanError, UsageError } from '../errors.js';
import { useColor } from '../io/terminal.js';
import type { KamConfig } from '../core/config.js';
import { i18n, LOCALES, msg, t, type Labels, type LabelText } from '../i18n/index.js';

export interface GlobalOptions {
  C?: string;
  config?: string;
  color?: boolean;
  locale?: string;
}

export interface CommandContext {
  /** Where kam runs (process cwd, then -C). */
  cwd: string;
  config?: string;
  color: boolean;
  /** `--locale` as given (explicit: JSON and SARIF messages follow it too). */
  locale?: string;
}

export function commandContext(global: GlobalOptions, env = process.env, isTTY = Boolean(process.stdout.isTTY)): CommandContext {
  const ctx: CommandContext = { cwd: resolve(process.cwd(), global.C ?? '.'), color: useColor(global.color, env, isTTY) };
  if (global.config !== undefined) ctx.config = global.config;
  if (global.locale !== undefined) ctx.locale = global.locale;
  return ctx;
}

/**
 * Speak the locale of this run once kam.yaml is read (its `locale:` is the last choice but the
 * default, and its labels name tiers and criteria): every command calls it with the config it
 * uses, before it formats anything.
 */
export async function useConfigLocale(ctx: CommandContext, config: Pick<KamConfig, 'locale' | 'tiers' | 'criteria'> | undefined, env = process.env): Promise<void> {
  const { resolveLocale, LocaleError } = await import('../i18n/locale.js');
  const { setTranslator, translatorFor } = await import('../i18n/index.js');
  let locale;
  try {
    locale = resolveLocale({ flag: ctx.locale, env, config: config?.locale }).locale;
  } catch (err) {
    if (err instanceof LocaleError) throw localeUsageError(err.where, err.value);
    throw err;
  }
  setTranslator(await translatorFor(locale, config === undefined ? {} : labelsOf(config)));
}

/** A locale kam cannot speak, where it was set (--locale, KAM_LOCALE, kam.yaml locale): bad usage (exit 2). */
export function localeUsageError(where: string, value: string): UsageError {
  return new UsageError(msg('cli.locale.unknown', { where, value, locales: LOCALES.join(', ') }));
}

function labelsOf(config: Pick<KamConfig, 'tiers' | 'criteria'>): Labels {
  const tiers = new Map<string, LabelText>();
  for (const t of config.tiers) if (t.label !== undefined) tiers.set(t.id, t.label);
  const criteria = new Map<string, LabelText>();
  for (const c of config.criteria) if (c.label !== undefined) criteria.set(c.id, c.label);
  return { tiers, criteria };
}

/**
 * Findings as a human output shows them: each message in the locale of the run, with the labels
 * of kam.yaml. Machine outputs (json, sarif, junit, github) keep the English text unless
 * --locale was given (`explicit`), so that CI logs stay searchable.
 */
export function localizedFindings(findings: Finding[], human: boolean, ctx: CommandContext): Finding[] {
  const translator = i18n();
  if (translator.isPlainEnglish || (!human && ctx.locale === undefined)) return findings;
  return findings.map((f) => (f.text === undefined ? f : { ...f, message: translator.render(f.text) }));
}

export function parseAsOf(value: string | undefined, now = new Date()): string {
  if (value === undefined) return isoDateOf(now);
  if (!isValidIsoDate(value)) throw new UsageError(msg('cli.as-of.invalid', { value }));
  return value;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(msg('cli.count.invalid', { flag, value }));
  return Number(value);
}

export interface CommandResult {
  /** The result: text, or chunks of it for very large outputs. */
  stdout: string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
  /** Lines for stderr (notes and warnings about the run, not results), written before stdout. */
  stderr: string[];
  /** Lines for stderr written after stdout: the error that stopped a command midway (what it did is on stdout). */
  stderrAfter?: string[];
  exitCode: number;
}

/** Errors listed under the note on plans with errors; the rest are counted (kam check lists them all). */
const LISTED_ERRORS = 10;

/**
 * The note on plans left out because they have errors (or cannot be read): `heading`, then the
 * first errors, each as file:line:col (messages are escaped when written, cli.ts).
 */
export function invalidPlanNotes(heading: string, findings: readonly Finding[]): string[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const translator = i18n();
  const messageOf = (f: Finding) => (f.text !== undefined && !translator.isPlainEnglish ? translator.render(f.text) : f.message);
  return listedNotes(heading, errors.map((f) => ({ file: f.file, line: f.line, column: f.column, message: messageOf(f) })));
}

/** `heading`, then the first problems as `  file:line:col: message`, the rest counted. */
export function listedNotes(heading: string, problems: readonly { file: string; line: number; column: number; message: string }[]): string[] {
  const lines = [heading];
  for (const p of problems.slice(0, LISTED_ERRORS)) lines.push(`  ${p.file}:${p.line}:${p.column}: ${p.message}`);
  if (problems.length > LISTED_ERRORS) lines.push(`  ${t('cli.notes.more', { count: problems.length - LISTED_ERRORS })}`);
  return lines;
}

/**
 * Not one plan can be used (every plan has errors or cannot be read): exit 2, after the notes
 * that say which plans and why, never a report of empty numbers.
 */
export function noValidPlan(purpose: 'score' | 'report on' | 'compare', invalid: number, stderr: readonly string[]): CommandResult {
  const err = new NoValidPlanError(purpose, invalid);
  return { stdout: '', stderr: [...stderr, `kam: ${err.text !== undefined ? i18n().render(err.text) : err.message}`], exitCode: err.exitCode };
}
