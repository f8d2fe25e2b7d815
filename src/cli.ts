// commander wiring. Commands are imported lazily so that `kam --version` and
// `kam --help` load almost nothing. The one place that sets exit codes.
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext, CommandResult, GlobalOptions } from './commands/common.js';
import { DIFF_FORMATS, FINDINGS_FORMATS, GAPS_FORMATS, HISTORY_FORMATS, SCORE_FORMATS } from './format/formats.js';
import { KAM_VERSION } from './version.js';

function buildProgram(): Command {
  const program = new Command('kam')
    .description('Key account management as code: score, tier and check YAML account plans.')
    .version(KAM_VERSION, '-V, --version', 'print the version')
    .option('-C <dir>', 'run as if kam was started in <dir>')
    .option('--config <file>', 'use this kam.yaml instead of searching for one')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .option('--locale <locale>', 'the language of the output: en | zh-CN (default: KAM_LOCALE, LC_ALL/LC_MESSAGES/LANG, kam.yaml locale, else en)')
    .showHelpAfterError('(run kam --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void writeStdout(text),
      // commander's messages quote the arguments: kept in order, and written escaped once parsing is done
      writeErr: (text) => void (usageText += text),
      outputError: (text) => void (usageText += text),
    });

  program
    .command('check')
    .description('validate plans and apply the rules (the CI gate)')
    .argument('[files...]', 'plan files, folders or globs (default: the plans of kam.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FINDINGS_FORMATS).default('stylish'))
    .option('--as-of <date>', 'the date rules treat as today (YYYY-MM-DD)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'report errors only')
    .option('--ref <rev>', 'read the plans and kam.yaml as of this git revision (no checkout)')
    .option('--baseline <file>', 'report only the findings not in this baseline file (written by --update-baseline)')
    .option('--update-baseline', 'write the current findings to the baseline file (--baseline, default kam-baseline.json in the workspace root) and exit 0')
    .action(lazyAction(async () => (await import('./commands/check.js')).runCheck, withFiles));

  program
    .command('gaps')
    .description('the gap report: per account, grouped by tier, what is missing or due')
    .argument('[files...]', 'plan files, folders or globs (default: the plans of kam.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(GAPS_FORMATS).default('table'))
    .option('--as-of <date>', 'the date rules treat as today (YYYY-MM-DD)')
    .option('--tier <tiers>', 'only accounts of these computed tiers (comma-separated)')
    .option('--account <ids>', 'only these accounts (comma-separated ids)')
    .option('--rule <ids>', 'only these rules (comma-separated)')
    .option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse is shown: error | warn')
    .option('--ref <rev>', 'read the plans and kam.yaml as of this git revision (no checkout)')
    .action(lazyAction(async () => (await import('./commands/gaps.js')).runGaps, withFiles));

  program
    .command('score')
    .description('score and tier the accounts: the workspace plans, the files given, or client CSV rows (--data)')
    .argument('[files...]', 'plan files, folders or globs (default: the plans of kam.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCORE_FORMATS).default('table'))
    .option('--top <n>', 'show the n highest-ranked accounts')
    .option('--tier <tiers>', 'show only these tiers (comma-separated)')
    .option('--explain <id>', "show how one account's score is made")
    .option('--weight <criterion=n>', 'what-if: override a criterion weight (repeatable)', collect, [])
    .option('--data <file>', "score a client's export (CSV or .xlsx) instead of plans (works outside a workspace)")
    .option('--sheet <name|number>', 'the worksheet of an .xlsx --data file (default: the first with an id or name column)')
    .option('--encoding <name>', 'encoding of a text --data file, e.g. gb18030, windows-1252 (default: its byte order mark, data.encoding, else UTF-8)')
    .addOption(decimalOption())
    .option('--strict', 'with --data: a bad row is an error instead of being skipped')
    .option('--as-of <date>', 'accepted for symmetry with check and gaps (scores do not depend on dates)')
    .option('--ref <rev>', 'read the plans and kam.yaml as of this git revision (no checkout)')
    .action(lazyAction(async () => (await import('./commands/score.js')).runScore, withFiles));

  program
    .command('init')
    .description('create a workspace: kam.yaml with every default, accounts/ with an example plan, templates/, schemas/ and a CI workflow')
    .argument('[dir]', 'the folder to create it in', '.')
    .option('--currency <code>', 'currency of amounts (e.g. USD, EUR, CNY)')
    .option('--tiers <ids>', 'tier ids, highest first, each with an optional :min (e.g. platinum:80,gold:60,silver:0)')
    .option('-y, --yes', 'take the default for every question not given by a flag')
    .option('--force', 'replace files that exist (default: keep them)')
    .option('--dry-run', 'print what would be written, write nothing')
    .option('--kam-source <spec>', 'where CI installs kam from, an npm spec pinned to one version (github:org/kam#<commit>, a tarball URL); default: this kam, packed into .kam/')
    .action(lazyAction(async () => (await import('./commands/init.js')).runInit, (options, dir: string) => ({ dir, ...options })));

  program
    .command('new')
    .description('scaffold accounts/<slug>.yaml from a template, with the sections its tier requires')
    .argument('<name>', 'the customer name, any Unicode (e.g. "ACME Telecom", 中国移动)')
    .option('--tier <tier>', 'the tier to declare (decides the required sections)')
    .option('--owner <name>', 'the account manager')
    .option('--industry <text>', 'the customer industry')
    .option('--template <name>', 'a template of templates/ (the workspace\'s, then the built-in ones)')
    .option('--id <id>', 'the account id (default: from the name)')
    .option('--as-of <date>', '"today" for the placeholder dates (YYYY-MM-DD)')
    .option('-y, --yes', 'take the default for every question not given by a flag')
    .option('--force', 'replace the plan if it exists')
    .option('--dry-run', 'print the plan instead of writing it')
    .action(lazyAction(async () => (await import('./commands/new.js')).runNew, (options, name: string) => ({ name, ...options })));

  program
    .command('import')
    .description('create plans for the best rows of a client CSV export (existing plans are never touched)')
    .argument('<file>', 'the client data, CSV or .xlsx (as for kam score --data)')
    .option('--top <n>', 'the n highest-ranked rows')
    .option('--tier <tiers>', 'the rows of these computed tiers (comma-separated)')
    .option('--template <name>', 'a template of templates/', 'plan')
    .option('--owner <name>', 'owner of the new plans (else an owner column, else none)')
    .option('--sheet <name|number>', 'the worksheet of an .xlsx file (default: the first with an id or name column)')
    .option('--encoding <name>', 'encoding of a text file, e.g. gb18030, windows-1252 (default: its byte order mark, data.encoding, else UTF-8)')
    .addOption(decimalOption())
    .option('--strict', 'a bad row is an error instead of being skipped')
    .option('--as-of <date>', '"today" for the placeholder dates (YYYY-MM-DD)')
    .option('--dry-run', 'print the plans instead of writing them')
    .action(lazyAction(async () => (await import('./commands/import.js')).runImport, (options, file: string) => ({ file, ...options })));

  program
    .command('diff')
    .description('score, tier and findings changes between two git revisions (head: the working tree)')
    .argument('<base>', 'the revision to compare from (e.g. main, HEAD~1, a tag)')
    .argument('[head]', 'the revision to compare to (default: the working tree)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('table'))
    .option('--as-of <date>', 'the date rules treat as today (YYYY-MM-DD)')
    .action(
      lazyAction(async () => (await import('./commands/diff.js')).runDiff, (options, base: string, head: string | undefined) => ({
        base,
        ...(head !== undefined ? { head } : {}),
        ...options,
      })),
    );

  program
    .command('history')
    .description('score and tier of the accounts over the git history (commits that changed plans or kam.yaml)')
    .argument('[id]', 'only this account')
    .addOption(new Option('-f, --format <format>', 'output format').choices(HISTORY_FORMATS).default('table'))
    .option('--ref <rev>', 'the last revision to read (default: HEAD)')
    .action(lazyAction(async () => (await import('./commands/history.js')).runHistory, (options, id: string | undefined) => ({ ...(id !== undefined ? { id } : {}), ...options })));

  program
    .command('report')
    .description('a self-contained HTML portfolio report: Pareto curve, tiers, concentration, portfolio matrix, account cards')
    .argument('[files...]', 'plan files, folders or globs (default: the plans of kam.yaml)')
    .option('-o, --output <file>', 'write the report to this file (default: stdout)')
    .option('--data <file>', "report on a client's export (CSV or .xlsx) instead of plans")
    .option('--sheet <name|number>', 'the worksheet of an .xlsx --data file (default: the first with an id or name column)')
    .option('--encoding <name>', 'encoding of a text --data file, e.g. gb18030, windows-1252 (default: its byte order mark, data.encoding, else UTF-8)')
    .addOption(decimalOption())
    .option('--ref <rev>', 'the plans as of this git revision')
    .option('--as-of <date>', 'the date rules treat as today (YYYY-MM-DD)')
    .option('--title <text>', 'the title of the report')
    .option('--force', 'replace the output file if it exists')
    .action(lazyAction(async () => (await import('./commands/report.js')).runReport, withFiles));

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of a plan or of kam.yaml, for editors')
    .argument('[kind]', 'plan | config', 'plan')
    .action(async (kind: string, _options: unknown, cmd: Command) => {
      const { runSchema } = await import('./commands/schema.js');
      const { commandContext } = await import('./commands/common.js');
      await finish(runSchema(kind, commandContext(cmd.optsWithGlobals() as GlobalOptions)));
    });

  return program;
}

/** The action of a command with positional arguments: loads its module only when it runs. */
// commander calls an action with the positional arguments, then the options, then the command.
function lazyAction<A extends unknown[]>(load: () => Promise<unknown>, toOptions: (options: Record<string, unknown>, ...args: A) => Record<string, unknown>) {
  return async (...received: unknown[]) => {
    const cmd = received[received.length - 1] as Command;
    const options = received[received.length - 2] as Record<string, unknown>;
    const run = (await load()) as (ctx: CommandContext, options: Record<string, unknown>) => Promise<CommandResult>;
    const { commandContext } = await import('./commands/common.js');
    await finish(await run(commandContext(cmd.optsWithGlobals() as GlobalOptions), toOptions(options, ...(received.slice(0, -2) as A))));
  };
}

function decimalOption(): Option {
  return new Option('--decimal <mark>', 'the decimal mark of numbers written as text in the data: . or , (default: data.decimal, else decided from the file)').choices(['.', ',']);
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
    for (const chunk of result.stdout) {
      if (!writeStdout(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
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
function writeStdout(text: string): boolean {
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
  await useStartLocale(argv.slice(2));
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    await flushUsageText();
  } catch (err) {
    await flushUsageText();
    process.exitCode = await exitCodeFor(err);
  }
}

/**
 * The locale for --help and for errors before kam.yaml is read: --locale, else the environment
 * (commands/common.ts useConfigLocale adds kam.yaml). `kam --version` loads no catalog; a locale
 * kam does not know is reported by the command that runs (here it means English).
 */
async function useStartLocale(args: readonly string[]): Promise<void> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return;
  const { localeFlagOf, resolveLocale } = await import('./i18n/locale.js');
  let locale;
  try {
    locale = resolveLocale({ flag: localeFlagOf(args), env: process.env }).locale;
  } catch {
    return;
  }
  if (locale === 'en') return;
  const { setTranslator, translatorFor } = await import('./i18n/index.js');
  setTranslator(await translatorFor(locale));
}

async function exitCodeFor(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // help and version exit 0; every usage error is exit 2 (SPEC 7)
    return err.exitCode === 0 ? 0 : 2;
  }
  const debug = process.env.KAM_DEBUG === '1';
  const { KamError } = await import('./errors.js');
  if (err instanceof KamError) {
    const { i18n } = await import('./i18n/index.js');
    await writeMessages([`kam: ${err.text !== undefined ? i18n().render(err.text) : err.message}`, ...(debug ? [`${err.stack}`] : [])]);
    return err.exitCode;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  await writeMessages([
    `kam: internal error: ${error.message}`,
    debug ? `${error.stack}` : 'kam: run again with KAM_DEBUG=1 to see the stack trace, and report it',
  ]);
  return 2;
}

await main(process.argv);
