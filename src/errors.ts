// Typed errors; src/cli.ts maps them to exit codes in one place.

/** The command could not do its job (SPEC 7: exit 2). */
export class KamError extends Error {
  readonly exitCode: number = 2;
}

/** Bad usage: a flag, an argument, a missing answer without a TTY. */
export class UsageError extends KamError {}

/** kam.yaml is invalid, or no workspace was found. */
export class ConfigError extends KamError {}

/** Input that cannot be read (missing file, no match, unreadable data). */
export class InputError extends KamError {}
