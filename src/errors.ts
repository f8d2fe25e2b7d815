// Typed errors; src/cli.ts maps them to exit codes in one place, and writes their message in the
// locale of the run (an error made from a catalog message carries it as `text`).
import { english, msg, type Message } from './i18n/index.js';

/** The command could not do its job (SPEC 7: exit 2). */
export class KamError extends Error {
  readonly exitCode: number = 2;
  /** The message as data, when it comes from a catalog (`message` is its English text). */
  readonly text: Message | undefined;

  constructor(message: Message | string) {
    super(typeof message === 'string' ? message : english(message));
    this.text = typeof message === 'string' ? undefined : message;
  }
}

/** Bad usage: a flag, an argument, a missing answer without a TTY. */
export class UsageError extends KamError {}

/** kam.yaml is invalid, or no workspace was found. */
export class ConfigError extends KamError {}

/** Input that cannot be read (missing file, no match, unreadable data). */
export class InputError extends KamError {}

/**
 * Plans were read, but not one of them can be used: every plan has errors or cannot be read.
 * Scores, tiers or a report of no plan would be empty numbers that look like a result.
 */
export class NoValidPlanError extends InputError {
  /** `purpose`: what kam was to do with the plans ("score", "report on", "compare"). */
  constructor(purpose: 'score' | 'report on' | 'compare', invalid: number) {
    super(msg(`cli.no-valid-plan.${purpose === 'report on' ? 'report' : purpose}`, { invalid }));
  }
}
