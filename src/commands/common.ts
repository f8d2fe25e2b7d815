// Options shared by the command adapters, parsed and validated in one place.
import { resolve } from 'node:path';
import { isoDateOf, isValidIsoDate } from '../core/dates.js';
import { UsageError } from '../errors.js';
import { useColor } from '../io/terminal.js';

export interface GlobalOptions {
  C?: string;
  config?: string;
  color?: boolean;
}

export interface CommandContext {
  /** Where kam runs (process cwd, then -C). */
  cwd: string;
  config?: string;
  color: boolean;
}

export function commandContext(global: GlobalOptions, env = process.env, isTTY = Boolean(process.stdout.isTTY)): CommandContext {
  const ctx: CommandContext = { cwd: resolve(process.cwd(), global.C ?? '.'), color: useColor(global.color, env, isTTY) };
  if (global.config !== undefined) ctx.config = global.config;
  return ctx;
}

export function parseAsOf(value: string | undefined, now = new Date()): string {
  if (value === undefined) return isoDateOf(now);
  if (!isValidIsoDate(value)) throw new UsageError(`--as-of expects a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

export interface CommandResult {
  /** The result: text, or chunks of it for very large outputs. */
  stdout: string | Iterable<string>;
  /** Lines for stderr (notes and warnings about the run, not results), written before stdout. */
  stderr: string[];
  /** Lines for stderr written after stdout: the error that stopped a command midway (what it did is on stdout). */
  stderrAfter?: string[];
  exitCode: number;
}
