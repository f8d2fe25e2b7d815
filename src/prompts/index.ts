// The only place that imports @inquirer/prompts (loaded on first question, so commands that
// never ask pay nothing). Commands ask through the Prompter interface; flags, --yes and a
// missing TTY bypass it (see resolveAnswer).
import { UsageError } from '../errors.js';
import { escapeText } from '../format/escape.js';
import { i18n, msg, t } from '../i18n/index.js';

/** Inquirer's streams and abort signal (tests pass their own streams). */
export type PromptContext = NonNullable<Parameters<typeof import('@inquirer/prompts').input>[1]>;

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(message: string, choices: readonly Choice<T>[], defaultValue?: T): Promise<T>;
  checkbox<T extends string>(message: string, choices: readonly Choice<T>[], checked: readonly T[]): Promise<T[]>;
}

/** Prompts appear only when stdin and stdout are TTYs (SPEC 5). */
export function canPrompt(stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

/**
 * A choice as the terminal shows it: its name (else its value) and description escaped, since
 * they may come from kam.yaml (tier ids) or the workspace (template names); the value is kept as
 * it is, so the answer is the value itself.
 */
function shownChoice<T extends string>(c: Choice<T>): { value: T; name: string; description?: string } {
  return { value: c.value, name: escapeText(c.name ?? c.value), ...(c.description !== undefined ? { description: escapeText(c.description) } : {}) };
}

const KEY_ACTIONS = {
  navigate: 'init.prompt.key.navigate',
  select: 'init.prompt.key.select',
  all: 'init.prompt.key.all',
  invert: 'init.prompt.key.invert',
  submit: 'init.prompt.key.submit',
} as const;

/**
 * The key help under a select or checkbox ("↑↓ navigate • ⏎ select") in the locale of the run,
 * drawn as inquirer draws it; undefined in English, where inquirer's own stays as it is.
 */
async function keysTheme(): Promise<{ style: { keysHelpTip: (keys: [string, string][]) => string } } | undefined> {
  if (i18n().locale === 'en') return undefined;
  const { default: chalk } = await import('chalk');
  const action = (a: string) => (a in KEY_ACTIONS ? t(KEY_ACTIONS[a as keyof typeof KEY_ACTIONS], {}) : a);
  return { style: { keysHelpTip: (keys) => keys.map(([key, a]) => `${chalk.bold(key)} ${chalk.dim(action(a))}`).join(chalk.dim(' • ')) } };
}

/** Inquirer behind the Prompter interface; `context` lets tests drive it through streams. */
export function inquirerPrompter(context?: PromptContext): Prompter {
  const load = () => import('@inquirer/prompts');
  return {
    async input(message, options = {}) {
      const { input } = await load();
      const config: Parameters<typeof input>[0] = { message: escapeText(message) };
      if (options.default !== undefined) config.default = options.default;
      const validate = options.validate;
      // Its message may quote what was typed.
      if (validate) config.validate = (value: string) => {
        const verdict = validate(value);
        return verdict === true ? true : escapeText(verdict);
      };
      return cancellable(input(config, context));
    },
    async select(message, choices, defaultValue) {
      const { select } = await load();
      const theme = await keysTheme();
      return cancellable(select({ message: escapeText(message), choices: choices.map(shownChoice), ...(defaultValue !== undefined ? { default: defaultValue } : {}), ...(theme ? { theme } : {}) }, context));
    },
    async checkbox(message, choices, checked) {
      const { checkbox } = await load();
      const theme = await keysTheme();
      return cancellable(checkbox({ message: escapeText(message), choices: choices.map((c) => ({ ...shownChoice(c), checked: checked.includes(c.value) })), ...(theme ? { theme } : {}) }, context));
    },
  };
}

/** Ctrl-C at a prompt: exit 2 with a clear line, nothing written (instead of a stack trace). */
async function cancellable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    if ((err as Error)?.name === 'ExitPromptError' || (err as Error)?.name === 'AbortPromptError') {
      throw new UsageError(msg('init.prompt.cancelled', {}));
    }
    throw err;
  }
}

export interface AnswerSource {
  /** A Prompter when prompts may be shown (TTY and no --yes). */
  prompter: Prompter | undefined;
  /** --yes: a missing answer takes its default. */
  yes: boolean;
}

/**
 * One answer: the flag's value when given; else the prompt (on a TTY); else the default
 * with --yes; else a usage error that names the flag (SPEC 5).
 */
export async function resolveAnswer<T>(
  flagValue: T | undefined,
  source: AnswerSource,
  flag: string,
  ask: (prompter: Prompter) => Promise<T>,
  fallback: () => T,
): Promise<T> {
  if (flagValue !== undefined) return flagValue;
  if (source.yes) return fallback();
  if (source.prompter) return ask(source.prompter);
  throw new UsageError(msg('init.prompt.missing-flag', { flag }));
}

/** Without a terminal and without --yes, every missing answer is named at once (not one per run). */
export function requireFlags(source: AnswerSource, flags: Readonly<Record<string, unknown>>): void {
  if (source.yes || source.prompter) return;
  const missing = Object.entries(flags).filter(([, value]) => value === undefined).map(([flag]) => flag);
  if (missing.length === 0) return;
  const named = missing.filter((f) => f !== '--yes');
  if (named.length === 0) throw new UsageError(msg('init.prompt.no-terminal', {}));
  const separator = t('init.list-separator', {});
  const values = named.map((flag) => t('init.prompt.flag-value', { flag })).join(separator);
  throw new UsageError(msg('init.prompt.no-terminal.flags', { flags: named.join(separator), count: named.length, values }));
}
