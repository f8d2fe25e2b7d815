// commander wiring. Commands are imported lazily so that `kam --version` and
// `kam --help` load almost nothing. The one place that sets exit codes.
import { Command, CommanderError, Help, Option } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandContext, CommandResult, GlobalOptions } from './commands/common.js';
import type { t as translate } from './i18n/index.js';
import { DIFF_FORMATS, FINDINGS_FORMATS, GAPS_FORMATS, HISTORY_FORMATS, SCORE_FORMATS, WHITESPACE_FORMATS } from './format/formats.js';
import { KAM_VERSION } from './version.js';

function buildProgram(t: typeof translate): Command {
  const program = new Command('kam');
  if (localizedHelp !== undefined) localizedHelp(program);
  program
    .description(t('cli.help.program', {}))
    .version(KAM_VERSION, '-V, --version', t('cli.help.opt.version', {}))
    .option('-C <dir>', t('cli.help.opt.dir', {}))
    .option('--config <file>', t('cli.help.opt.config', {}))
    .option('--color', t('cli.help.opt.color', {}))
    .option('--no-color', t('cli.help.opt.no-color', {}))
    .option('--locale <locale>', t('cli.help.opt.locale', {}))
    .showHelpAfterError(t('cli.help.after-error', {}))
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void writeStdout(text),
      // commander's messages quote the arguments: kept in order, and written escaped once parsing is done
      writeErr: (text) => void (usageText += text),
      outputError: (text) => void (usageText += localizedUsageError?.(text) ?? text),
    });

  const files = t('cli.help.arg.files', {});
  const format = t('cli.help.opt.format', {});
  const asOf = t('cli.help.opt.as-of', {});
  const ref = t('cli.help.opt.ref', {});
  const yes = t('cli.help.opt.yes', {});
  const asOfPlaceholders = t('cli.help.opt.as-of-placeholders', {});

  program
    .command('check')
    .description(t('cli.help.check', {}))
    .argument('[files...]', files)
    .addOption(new Option('-f, --format <format>', format).choices(FINDINGS_FORMATS).default('stylish'))
    .option('--as-of <date>', asOf)
    .option('--max-warnings <n>', t('cli.help.check.max-warnings', {}))
    .option('-q, --quiet', t('cli.help.check.quiet', {}))
    .option('--ref <rev>', ref)
    .option('--baseline <file>', t('cli.help.check.baseline', {}))
    .option('--update-baseline', t('cli.help.check.update-baseline', {}))
    .action(lazyAction(async () => (await import('./commands/check.js')).runCheck, withFiles));

  program
    .command('gaps')
    .description(t('cli.help.gaps', {}))
    .argument('[files...]', files)
    .addOption(new Option('-f, --format <format>', format).choices(GAPS_FORMATS).default('table'))
    .option('--as-of <date>', asOf)
    .option('--tier <tiers>', t('cli.help.gaps.tier', {}))
    .option('--account <ids>', t('cli.help.gaps.account', {}))
    .option('--rule <ids>', t('cli.help.gaps.rule', {}))
    .option('--fail-on <severity>', t('cli.help.gaps.fail-on', {}))
    .option('--ref <rev>', ref)
    .action(lazyAction(async () => (await import('./commands/gaps.js')).runGaps, withFiles));

  // `[files]` with the excess arguments allowed, not `[files...]`: the longer term would widen the
  // command column of `kam --help` and re-wrap every other line of it. The files are all the operands.
  const whitespace = program.command('whitespace');
  whitespace
    .description(t('whitespace.help', {}))
    .argument('[files]', files)
    .allowExcessArguments()
    .addOption(new Option('-f, --format <format>', format).choices(WHITESPACE_FORMATS).default('table'))
    .option('--product <names>', t('whitespace.help.product', {}))
    .option('--tier <tiers>', t('whitespace.help.tier', {}))
    .option('--ref <rev>', ref)
    .action(lazyAction(async () => (await import('./commands/whitespace.js')).runWhitespace, (options) => ({ files: [...whitespace.args], ...options })));

  program
    .command('score')
    .description(t('cli.help.score', {}))
    .argument('[files...]', files)
    .addOption(new Option('-f, --format <format>', format).choices(SCORE_FORMATS).default('table'))
    .option('--top <n>', t('cli.help.score.top', {}))
    .option('--tier <tiers>', t('cli.help.score.tier', {}))
    .option('--explain <id>', t('cli.help.score.explain', {}))
    .option('--weight <criterion=n>', t('cli.help.score.weight', {}), collect, [])
    .option('--data <file>', t('cli.help.score.data', {}))
    .option('--sheet <name|number>', t('cli.help.opt.data-sheet', {}))
    .option('--encoding <name>', t('cli.help.opt.data-encoding', {}))
    .addOption(decimalOption(t))
    .option('--strict', t('cli.help.score.strict', {}))
    .option('--engine <engine>', t('engine.help', {}))
    .option('--as-of <date>', t('cli.help.score.as-of', {}))
    .option('--ref <rev>', ref)
    .option('--emerging', t('method.help.emerging', {}))
    .option('--resources', t('method.help.resources', {}))
    .option('--segment <ids>', t('segment.help.segment', {}))
    .option('--by <grouping>', t('segment.help.by', {}))
    .action(lazyAction(async () => (await import('./commands/score.js')).runScore, withFiles));

  program
    .command('init')
    .description(t('cli.help.init', {}))
    .argument('[dir]', t('cli.help.init.dir', {}), '.')
    .option('--currency <code>', t('cli.help.init.currency', {}))
    .option('--tiers <ids>', t('cli.help.init.tiers', {}))
    .option('-y, --yes', yes)
    .option('--force', t('cli.help.init.force', {}))
    .option('--dry-run', t('cli.help.init.dry-run', {}))
    .option('--kam-source <spec>', t('cli.help.init.kam-source', {}))
    .action(lazyAction(async () => (await import('./commands/init.js')).runInit, (options, dir: string) => ({ dir, ...options })));

  program
    .command('new')
    .description(t('cli.help.new', {}))
    .argument('<name>', t('cli.help.new.name', {}))
    .option('--tier <tier>', t('cli.help.new.tier', {}))
    .option('--owner <name>', t('cli.help.new.owner', {}))
    .option('--industry <text>', t('cli.help.new.industry', {}))
    .option('--template <name>', t('cli.help.new.template', {}))
    .option('--id <id>', t('cli.help.new.id', {}))
    .option('--as-of <date>', asOfPlaceholders)
    .option('-y, --yes', yes)
    .option('--force', t('cli.help.new.force', {}))
    .option('--dry-run', t('cli.help.new.dry-run', {}))
    .action(lazyAction(async () => (await import('./commands/new.js')).runNew, (options, name: string) => ({ name, ...options })));

  program
    .command('import')
    .description(t('cli.help.import', {}))
    .argument('<file>', t('cli.help.import.file', {}))
    .option('--top <n>', t('cli.help.import.top', {}))
    .option('--tier <tiers>', t('cli.help.import.tier', {}))
    .option('--template <name>', t('cli.help.import.template', {}), 'plan')
    .option('--owner <name>', t('cli.help.import.owner', {}))
    .option('--sheet <name|number>', t('cli.help.import.sheet', {}))
    .option('--encoding <name>', t('cli.help.import.encoding', {}))
    .addOption(decimalOption(t))
    .option('--strict', t('cli.help.import.strict', {}))
    .option('--engine <engine>', t('engine.help', {}))
    .option('--as-of <date>', asOfPlaceholders)
    .option('--dry-run', t('cli.help.import.dry-run', {}))
    .action(lazyAction(async () => (await import('./commands/import.js')).runImport, (options, file: string) => ({ file, ...options })));

  program
    .command('diff')
    .description(t('cli.help.diff', {}))
    .argument('<base>', t('cli.help.diff.base', {}))
    .argument('[head]', t('cli.help.diff.head', {}))
    .addOption(new Option('-f, --format <format>', format).choices(DIFF_FORMATS).default('table'))
    .option('--as-of <date>', asOf)
    .action(
      lazyAction(async () => (await import('./commands/diff.js')).runDiff, (options, base: string, head: string | undefined) => ({
        base,
        ...(head !== undefined ? { head } : {}),
        ...options,
      })),
    );

  program
    .command('history')
    .description(t('cli.help.history', {}))
    .argument('[id]', t('cli.help.history.id', {}))
    .addOption(new Option('-f, --format <format>', format).choices(HISTORY_FORMATS).default('table'))
    .option('--ref <rev>', t('cli.help.history.ref', {}))
    .action(lazyAction(async () => (await import('./commands/history.js')).runHistory, (options, id: string | undefined) => ({ ...(id !== undefined ? { id } : {}), ...options })));

  program
    .command('report')
    .description(t('cli.help.report', {}))
    .argument('[files...]', files)
    .option('-o, --output <file>', t('cli.help.report.output', {}))
    .option('--data <file>', t('cli.help.report.data', {}))
    .option('--sheet <name|number>', t('cli.help.opt.data-sheet', {}))
    .option('--encoding <name>', t('cli.help.opt.data-encoding', {}))
    .addOption(decimalOption(t))
    .option('--ref <rev>', t('cli.help.report.ref', {}))
    .option('--as-of <date>', asOf)
    .option('--title <text>', t('cli.help.report.title', {}))
    .option('--force', t('cli.help.report.force', {}))
    .action(lazyAction(async () => (await import('./commands/report.js')).runReport, withFiles));

  // issue 21: the model compiled to SQL
  program
    .command('sql')
    .description(t('sql.help', {}))
    .option('--dialect <name>', t('sql.help.dialect', {}))
    .option('--table <name>', t('sql.help.table', {}))
    .option('--from <expression>', t('sql.help.from', {}))
    .option('--columns <names>', t('sql.help.columns', {}))
    .option('--header-from <file>', t('sql.help.header-from', {}))
    .option('--portfolio', t('sql.help.portfolio', {}))
    .option('--dbt', t('sql.help.dbt', {}))
    .option('-o, --output <file>', t('sql.help.output', {}))
    .option('--force', t('sql.help.force', {}))
    .action(lazyAction(async () => (await import('./commands/sql.js')).runSql, (options) => ({ ...options })));

  // issue 22: the model checked against outcomes
  program
    .command('calibrate')
    .description(t('calibrate.help', {}))
    .option('--data <file>', t('calibrate.help.data', {}))
    .option('--outcome <column>', t('calibrate.help.outcome', {}))
    .option('--outcome-field <field>', t('calibrate.help.outcome-field', {}))
    .option('--from <rev>', t('calibrate.help.from', {}))
    .option('--to <rev>', t('calibrate.help.to', {}))
    .option('--as-of <date>', t('calibrate.help.as-of', {}))
    .addOption(new Option('-f, --format <format>', format).choices(['table', 'json', 'markdown']).default('table'))
    .option('--seed <n>', t('calibrate.help.seed', {}))
    .option('--bootstrap <n>', t('calibrate.help.bootstrap', {}))
    .option('--write', t('calibrate.help.write', {}))
    .option('--sheet <name|number>', t('cli.help.opt.data-sheet', {}))
    .option('--encoding <name>', t('cli.help.opt.data-encoding', {}))
    .addOption(decimalOption(t))
    .option('--strict', t('cli.help.score.strict', {}))
    .action(lazyAction(async () => (await import('./commands/calibrate.js')).runCalibrate, (options) => ({ ...options })));

  program
    .command('schema')
    .description(t('cli.help.schema', {}))
    .argument('[kind]', t('cli.help.schema.kind', {}), 'plan')
    .action(async (kind: string, _options: unknown, cmd: Command) => {
      await refuseStartLocale();
      const { runSchema } = await import('./commands/schema.js');
      const { commandContext } = await import('./commands/common.js');
      await finish(await runSchema(kind, commandContext(cmd.optsWithGlobals() as GlobalOptions)));
    });

  return program;
}

/** The action of a command with positional arguments: loads its module only when it runs. */
// commander calls an action with the positional arguments, then the options, then the command.
function lazyAction<A extends unknown[]>(load: () => Promise<unknown>, toOptions: (options: Record<string, unknown>, ...args: A) => Record<string, unknown>) {
  return async (...received: unknown[]) => {
    const cmd = received[received.length - 1] as Command;
    const options = received[received.length - 2] as Record<string, unknown>;
    await refuseStartLocale();
    const run = (await load()) as (ctx: CommandContext, options: Record<string, unknown>) => Promise<CommandResult>;
    const { commandContext } = await import('./commands/common.js');
    await finish(await run(commandContext(cmd.optsWithGlobals() as GlobalOptions), toOptions(options, ...(received.slice(0, -2) as A))));
  };
}

function decimalOption(t: typeof translate): Option {
  return new Option('--decimal <mark>', t('cli.help.opt.decimal', {})).choices(['.', ',']);
}

const withFiles = (options: Record<string, unknown>, files: string[]) => ({ files, ...options });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Writes a command's result. Messages for stderr are escaped (escape.ts: they quote plans, cells
 * and file names; kam never colours them); results on stdout were escaped by their formatter.
 */
async function finish(result: CommandResult): Promise<void> {
  // Set first: a reader that closes the pipe early (`kam check | head`) still gets the command's code.
  process.exitCode = result.exitCode;
  await writeMessages(result.stderr);
  if (typeof result.stdout === 'string') {
    if (result.stdout !== '') writeStdout(result.stdout);
  } else {
    // Chunked output: wait for the pipe to drain so memory stays flat on huge outputs.
    // (an async sequence: kam score --engine duckdb reads the rows from DuckDB as they come.)
    // A chunk its writer reuses (recyclable) goes back once stdout holds no byte unwritten: the
    // write callback would come too late (on a file it waits for this loop to end).
    const { recycleAfterWrite } = await import('./format/score/columnar.js');
    const written: (() => void)[] = [];
    for await (const chunk of result.stdout) {
      const giveBack = recycleAfterWrite(chunk);
      if (!writeStdout(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      if (giveBack !== undefined) written.push(giveBack);
      if (written.length > 0 && process.stdout.writableLength === 0) for (const back of written.splice(0)) back();
      if (stdoutFailed) return;
    }
  }
  if (result.stderrAfter !== undefined) await writeMessages(result.stderrAfter);
}

/** stderr lines of kam's notes and errors, each escaped but for its line breaks. */
async function writeMessages(lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const { escapeLines } = await import('./format/escape.js');
  writeStderr(lines.map((line) => `${escapeLines(line)}\n`).join(''));
}

function writeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // stderr itself cannot be written: there is nowhere left to say so
  }
}

let stdoutFailed = false;

/** Writes to stdout; false when the caller should wait for 'drain'. A failed write ends kam (onStdoutError). */
function writeStdout(text: string | Uint8Array): boolean {
  if (stdoutFailed) return true;
  try {
    return process.stdout.write(text);
  } catch (err) {
    onStdoutError(err as NodeJS.ErrnoException);
    return true;
  }
}

/**
 * A closed pipe (`kam … | head`) is not an error: kam stops with the command's exit code. Any
 * other failure (a full disk: ENOSPC; EIO, EACCES…) is one line on stderr and exit 2.
 */
function onStdoutError(err: NodeJS.ErrnoException): void {
  if (stdoutFailed) return;
  stdoutFailed = true;
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  void (async () => {
    const { writeErrorMessage } = await import('./io/safe-write.js');
    writeStderr(`kam: ${writeErrorMessage('stdout', err)}\n`);
    process.exit(2);
  })();
}

/** What commander prints to stderr (usage errors quote the arguments; help): written, escaped, once parsing is done. */
let usageText = '';

async function flushUsageText(): Promise<void> {
  if (usageText === '') return;
  const { escapeLines } = await import('./format/escape.js');
  writeStderr(escapeLines(usageText));
  usageText = '';
}

export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', onStdoutError);
  process.stderr.on('error', () => {
    // nowhere left to report it; the exit code still tells
  });
  const args = argv.slice(2);
  // `kam --version` loads no catalog (what commander would print, without building the program).
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    writeStdout(`${KAM_VERSION}\n`);
    return;
  }
  await useStartLocale(args);
  const { t } = await import('./i18n/index.js');
  const program = buildProgram(t);
  try {
    await program.parseAsync(argv);
    await flushUsageText();
  } catch (err) {
    await flushUsageText();
    process.exitCode = await exitCodeFor(err);
  }
}

/** The locale of --locale or KAM_LOCALE when kam cannot speak it: every command refuses to run (exit 2). */
let startLocaleError: { where: string; value: string } | undefined;

/** Set in a locale other than English: commander's own words in --help, and its usage errors, in that locale. */
let localizedHelp: ((program: Command) => void) | undefined;
let localizedUsageError: ((text: string) => string) | undefined;

/**
 * The locale for --help and for errors before kam.yaml is read: --locale, else the environment
 * (commands/common.ts useConfigLocale adds kam.yaml). A locale kam does not know means English
 * for --help; a command refuses to run (refuseStartLocale).
 */
async function useStartLocale(args: readonly string[]): Promise<void> {
  const { localeFlagOf, resolveLocale, LocaleError } = await import('./i18n/locale.js');
  let locale;
  try {
    locale = resolveLocale({ flag: localeFlagOf(args), env: process.env }).locale;
  } catch (err) {
    if (err instanceof LocaleError) startLocaleError = { where: err.where, value: err.value };
    return;
  }
  if (locale === 'en' && resolveLocale({ flag: localeFlagOf(args), env: process.env }).source === 'default') {
    // Nothing chose yet: the workspace's `locale:` speaks for --help and usage errors too (a
    // command reads kam.yaml properly later; a value kam cannot speak is reported there).
    try {
      locale = resolveLocale({ env: {}, config: configLocaleHint(args) }).locale;
    } catch {
      return;
    }
  }
  if (locale === 'en') return;
  const { setTranslator, translatorFor, t } = await import('./i18n/index.js');
  setTranslator(await translatorFor(locale));
  const { default: stringWidth } = await import('string-width');
  localizedHelp = (program) => helpInLocale(program, t, stringWidth);
  localizedUsageError = (text) => usageErrorInLocale(text, t);
}

/**
 * The top-level `locale:` of the kam.yaml kam would use (`--config`, else found upward from -C or
 * the current folder), read as a line without parsing YAML: only a hint for --help and usage
 * errors, which come before any command reads kam.yaml.
 */
function configLocaleHint(args: readonly string[]): string | undefined {
  const valueOf = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
  };
  let file = valueOf('--config');
  if (file === undefined) {
    for (let dir = resolve(process.cwd(), valueOf('-C') ?? '.'); ; dir = dirname(dir)) {
      const candidate = join(dir, 'kam.yaml');
      if (existsSync(candidate)) {
        file = candidate;
        break;
      }
      if (dirname(dir) === dir) return undefined;
    }
  }
  try {
    // Only a regular file of a sane size: never /dev/zero, a FIFO or a device (the command's own
    // safe reader reports those).
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
    const head = readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 65536);
    return /^locale:[ \t]*["']?([A-Za-z_-]+)["']?[ \t]*(?:#.*)?$/m.exec(head)?.[1];
  } catch {
    return undefined;
  }
}

async function refuseStartLocale(): Promise<void> {
  if (startLocaleError === undefined) return;
  const { localeUsageError } = await import('./commands/common.js');
  throw localeUsageError(startLocaleError.where, startLocaleError.value);
}

/**
 * commander's words in the help of every command: titles, the help option and command, and the
 * choices and default that it adds to a description (the description itself is kam's). Widths
 * count a Han character as two columns, as a terminal shows it.
 */
function helpInLocale(program: Command, t: typeof translate, width: (text: string) => number): void {
  const titles: Readonly<Record<string, string>> = {
    'Usage:': t('cli.help.title.usage', {}),
    'Options:': t('cli.help.title.options', {}),
    'Commands:': t('cli.help.title.commands', {}),
    'Arguments:': t('cli.help.title.arguments', {}),
    'Global Options:': t('cli.help.title.global-options', {}),
  };
  const usage = titles['Usage:']!;
  const english = new Help();
  const extras = (full: string, description: string, choices: readonly string[] | undefined): string => {
    // commander's text is the description, then ` (choices: …, default: …)`: the parts kam knows are said again in the locale.
    if (full === description || !full.startsWith(description)) return full;
    const m = /^ ?\((.*)\)$/s.exec(full.slice(description.length));
    if (m === null) return full;
    let rest = m[1]!;
    const parts: string[] = [];
    if (choices !== undefined) {
      const listed = `choices: ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
      if (!rest.startsWith(listed)) return full;
      parts.push(t('cli.help.extras.choices', { choices: choices.map((c) => JSON.stringify(c)).join(t('cli.help.choice-separator', {})) }));
      rest = rest.slice(listed.length).replace(/^, /, '');
    }
    if (rest.startsWith('default: ')) {
      parts.push(t('cli.help.extras.default', { value: rest.slice('default: '.length) }));
      rest = '';
    }
    if (rest !== '' || parts.length === 0) return full;
    return `${description}${t('cli.help.extras', { extras: parts.join(t('cli.help.extras.separator', {})) })}`;
  };
  program.helpOption('-h, --help', t('cli.help.opt.help', {}));
  program.helpCommand('help [command]', t('cli.help.cmd.help', {}));
  program.configureHelp({
    styleTitle: (title) => titles[title] ?? title,
    displayWidth: width,
    optionDescription: (option) => extras(english.optionDescription(option), option.description, option.argChoices),
    argumentDescription: (argument) => extras(english.argumentDescription(argument), argument.description, argument.argChoices),
    formatHelp: (cmd, helper) => {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      // "用法：kam check", not "用法： kam check": a full-width colon carries its own space.
      return usage.endsWith('：') && text.startsWith(`${usage} `) ? usage + text.slice(usage.length + 1) : text;
    },
  });
}

/**
 * commander's usage errors in the locale: the messages of commander 14 that kam can meet, matched
 * whole, with the arguments they quote kept as they are; any other text stays as commander wrote it.
 */
function usageErrorInLocale(text: string, t: typeof translate): string {
  let body = text.replace(/\n$/, '');
  let hint = '';
  const suggestion = /\n\(Did you mean (one of )?([^\n]*)\?\)$/.exec(body);
  if (suggestion !== null) {
    hint = `\n${suggestion[1] !== undefined ? t('cli.usage.did-you-mean-one-of', { candidates: suggestion[2]! }) : t('cli.usage.did-you-mean', { candidate: suggestion[2]! })}`;
    body = body.slice(0, suggestion.index);
  }
  let m: RegExpExecArray | null;
  let line: string | undefined;
  if ((m = /^error: unknown option '(.*)'$/s.exec(body))) line = t('cli.usage.unknown-option', { flag: m[1]! });
  else if ((m = /^error: unknown command '(.*)'$/s.exec(body))) line = t('cli.usage.unknown-command', { name: m[1]! });
  else if ((m = /^error: missing required argument '(.*)'$/s.exec(body))) line = t('cli.usage.missing-argument', { name: m[1]! });
  else if ((m = /^error: option '([^']*)' argument missing$/.exec(body))) line = t('cli.usage.option-argument-missing', { flags: m[1]! });
  else if ((m = /^error: option '([^']*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s.exec(body))) {
    line = t('cli.usage.invalid-choice', { flags: m[1]!, value: m[2]!, choices: m[3]! });
  } else if ((m = /^error: too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(body))) {
    line = t('cli.usage.too-many-arguments', { command: m[1]!, expected: Number(m[2]), got: Number(m[3]) });
  } else if ((m = /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/.exec(body))) {
    line = t('cli.usage.too-many-arguments.top', { expected: Number(m[1]), got: Number(m[2]) });
  }
  if (line === undefined || (hint !== '' && !/^error: unknown (option|command) /.test(body))) return text;
  return `${line}${hint}\n`;
}

async function exitCodeFor(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // help and version exit 0; every usage error is exit 2 (SPEC 7)
    return err.exitCode === 0 ? 0 : 2;
  }
  const debug = process.env.KAM_DEBUG === '1';
  const { KamError } = await import('./errors.js');
  const { i18n, t } = await import('./i18n/index.js');
  if (err instanceof KamError) {
    await writeMessages([`kam: ${err.text !== undefined ? i18n().render(err.text) : err.message}`, ...(debug ? [`${err.stack}`] : [])]);
    return err.exitCode;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  await writeMessages([
    `kam: ${t('cli.internal-error', { message: error.message })}`,
    debug ? `${error.stack}` : `kam: ${t('cli.internal-error.hint', {})}`,
  ]);
  return 2;
}

await main(process.argv);
