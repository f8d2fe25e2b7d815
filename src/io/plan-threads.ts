// Plans on every core. The main thread and worker threads each hold a share of the plans
// (plan-shard.ts), taken in batches from one queue so that a worker that starts late (it loads
// kam's code first) simply takes fewer. Only small data crosses threads: ids and scoring subjects
// one way, the scored accounts of a batch the other way, located findings back. Below a few
// thousand files a worker's start-up costs more than it saves and the main thread does it all,
// through the same code.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkSettings, portfolioIssues, rankOrder, resolveFindings, suppressFindings, suppressionScope, type CheckOptions, type CheckResult, type CheckSettings } from '../core/check.js';
import type { KamConfig } from '../core/config.js';
import { compareFindings, type Finding, type Issue } from '../core/findings.js';
import { duplicateIdIssues, restoredPlanFile } from '../core/plan-file.js';
import { assignRanks, scoreAccountRows, scoresAlone, summarizePortfolio, type ScoredAccount, type ScoringModel, type ScoringSubject } from '../core/scoring.js';
import type { WhitespaceFacts } from '../core/whitespace.js';
import { InputError } from '../errors.js';
import type { Message } from '../i18n/index.js';
import { PlanShard, type CheckOnLoad, type LoadedFileSummary, type ShardFailure, type ShardJob, type ShardReply } from './plan-shard.js';
import { bytesOf, type PlanRef } from './workspace.js';
import { append } from '../core/append.js';

export const PARALLEL_MIN_FILES = 2000;
const MAX_THREADS = 4;
/** Plans per batch handed to a thread. */
const BATCH = 250;

/** Threads to use: KAM_THREADS when set (1 keeps everything on the main thread), else the cores, at most MAX_THREADS. */
function threadCount(files: number, env = process.env): number {
  if (files < PARALLEL_MIN_FILES) return 1;
  const wanted = Number(env.KAM_THREADS);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.min(availableParallelism(), MAX_THREADS);
}

interface ShardThread {
  run(job: ShardJob): Promise<ShardReply>;
  close(): void;
}

/** The main thread's own share; it yields between jobs so that the workers' replies get in. */
function localThread(): ShardThread {
  const shard = new PlanShard();
  return {
    run: async (job) => {
      await new Promise((resolve) => setImmediate(resolve));
      return shard.run(job);
    },
    close: () => {},
  };
}

const workerFile = new URL('./plan-worker.js', import.meta.url);
/** Workers started ahead of their pool (startPlanWorkers); unreferenced until a pool takes them. */
const early: Worker[] = [];

/**
 * Starts a pool's workers before the plan files are listed: a worker spends a few hundred
 * milliseconds loading kam's code, which then overlaps with the main thread's own start
 * (reading kam.yaml, listing and checking the files). `expectedFiles`: a cheap estimate.
 */
export function startPlanWorkers(expectedFiles: number): void {
  // The worker is a file of the bundle (dist/plan-worker.js); run from source there is none.
  if (early.length > 0 || !existsSync(fileURLToPath(workerFile))) return;
  for (let k = 1; k < threadCount(expectedFiles); k++) {
    const worker = new Worker(workerFile);
    worker.unref();
    early.push(worker);
  }
}

function workerThread(): ShardThread {
  const worker = early.shift() ?? new Worker(workerFile);
  worker.ref();
  // A worker answers its jobs in the order it got them.
  const waiting: { resolve: (reply: ShardReply) => void; reject: (err: Error) => void }[] = [];
  worker.on('message', (reply: ShardReply) => waiting.shift()?.resolve(reply));
  worker.on('error', (err) => {
    for (const w of waiting.splice(0)) w.reject(err);
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(job);
      }),
    close: () => void worker.terminate(),
  };
}

/**
 * A job's reply, or the error it failed with, thrown again on the main thread as what it was:
 * an input problem (a KamError: exit 2 with its message) or a bug of kam (an internal error,
 * with the stack of the thread it happened on for KAM_DEBUG=1), never the one for the other.
 */
export function answer<T extends ShardReply>(reply: ShardReply): Exclude<T, ShardFailure> {
  if ('error' in reply) {
    // A KamError of the thread, with its message as data when it has one (ShardFailure.text): said in the locale of the run.
    if (!reply.internal) throw new InputError((reply as { text?: Message }).text ?? reply.error);
    const bug = new Error(reply.error);
    if (reply.stack !== undefined) bug.stack = reply.stack;
    throw bug;
  }
  return reply as Exclude<T, ShardFailure>;
}

/** The plans spread over threads, loaded: per file its id, and its subject when valid. */
class PlanPool {
  private readonly threads: ShardThread[];
  private readonly batches: PlanRef[][] = [];
  /** The thread that holds each batch. */
  private readonly owners: ShardThread[] = [];

  /** tiers: the tier ids of kam.yaml, which every thread checks declared tiers against. */
  constructor(readonly refs: readonly PlanRef[], private readonly tiers: string[]) {
    // The worker is a file of the bundle (dist/plan-worker.js); run from source there is none.
    const count = existsSync(fileURLToPath(workerFile)) ? threadCount(refs.length) : 1;
    this.threads = [localThread(), ...Array.from({ length: count - 1 }, () => workerThread())];
    for (const unused of early.splice(0)) void unused.terminate();
    for (let i = 0; i < refs.length; i += BATCH) this.batches.push(refs.slice(i, i + BATCH));
    if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: loaded ${refs.length} plans on ${count} threads\n`);
  }

  /**
   * Every file's summary, in the order of refs. `keep`: the threads keep the plans for check().
   * `check`: the threads also run the plan rules (each account scored alone) and answer findings.
   */
  async load(keep: boolean, check?: CheckOnLoad, whitespace = false): Promise<{ files: LoadedFileSummary[]; findings: Finding[] }> {
    const loaded: { files: LoadedFileSummary[]; findings?: Finding[] }[] = new Array(this.batches.length);
    let next = 0;
    // A worker gets its next batch before it is done with the current one: the main thread,
    // busy with a batch of its own, would otherwise leave it idle until it looks up.
    const lanes = this.threads.flatMap((thread, i) => (i === 0 ? [thread] : [thread, thread]));
    await Promise.all(
      lanes.map(async (thread) => {
        while (next < this.batches.length) {
          const batch = next++;
          const job: ShardJob = { type: 'load', batch, refs: this.batches[batch]!, keep, tiers: this.tiers };
          if (check) job.check = check;
          if (whitespace) job.whitespace = true;
          loaded[batch] = answer<{ files: LoadedFileSummary[]; findings?: Finding[] }>(await thread.run(job));
          this.owners[batch] = thread;
        }
      }),
    );
    return { files: loaded.flatMap((l) => l.files), findings: loaded.flatMap((l) => l.findings ?? []) };
  }

  /** The located findings of every kept batch; accounts[i] is the account of file i (null: not scored). */
  async check(accounts: readonly (ScoredAccount | null)[], settings: CheckSettings): Promise<Finding[]> {
    const replies = await Promise.all(
      this.batches.map((refs, batch) => {
        const start = batch * BATCH;
        return this.owners[batch]!.run({ type: 'check', batch, accounts: accounts.slice(start, start + refs.length), settings });
      }),
    );
    return replies.flatMap((reply) => answer<{ findings: Finding[] }>(reply).findings);
  }

  close(): void {
    for (const thread of this.threads) thread.close();
  }
}

/** Findings of issues in files the main thread does not hold: each file is read again to locate them (few files). */
function resolveElsewhere(issues: readonly Issue[], refs: readonly PlanRef[], config: KamConfig): Finding[] {
  if (issues.length === 0) return [];
  const files = new Set(issues.map((i) => i.file));
  const planFiles = refs.filter((ref) => files.has(ref.file)).map((ref) => restoredPlanFile(ref.file, () => bytesOf(ref), {}));
  return resolveFindings(issues, planFiles, config.rules);
}

const idsOfFiles = (files: readonly LoadedFileSummary[], refs: readonly PlanRef[]) => files.map((summary, i) => ({ file: refs[i]!.file, id: summary.id }));

export interface ScoredPlans {
  /** The valid plans' scoring subjects, in file order. */
  subjects: ScoringSubject[];
  /** Files that cannot be scored, and their errors and warnings. */
  invalidFiles: string[];
  invalidFindings: Finding[];
  /** With `whitespace`: each subject's whitespace entries and share targets (same order). */
  whitespace?: WhitespaceFacts[];
}

/** What `kam score` needs of the plans: their subjects, and why the others cannot be scored. `whitespace`: also what `kam whitespace` needs. */
export async function loadPlanSubjects(refs: readonly PlanRef[], config: KamConfig, options: { whitespace?: boolean } = {}): Promise<ScoredPlans> {
  const pool = new PlanPool(refs, config.tiers.map((t) => t.id));
  try {
    const { files } = await pool.load(false, undefined, options.whitespace === true);
    const facts: WhitespaceFacts[] = [];
    const subjects: ScoringSubject[] = [];
    const invalidFiles: string[] = [];
    const issues: Issue[] = [];
    files.forEach((summary, i) => {
      if (summary.subject) {
        subjects.push(summary.subject);
        if (summary.whitespace) facts.push(summary.whitespace);
      } else {
        invalidFiles.push(refs[i]!.file);
        append(issues, summary.issues!);
      }
    });
    const invalid = new Set(invalidFiles);
    append(issues, duplicateIdIssues(idsOfFiles(files, refs)).filter((issue) => invalid.has(issue.file)));
    const plans: ScoredPlans = { subjects, invalidFiles, invalidFindings: resolveElsewhere(issues, refs, config) };
    if (options.whitespace === true) plans.whitespace = facts;
    return plans;
  } finally {
    pool.close();
  }
}

/** `kam check` and `kam gaps` on many plans: validation, scoring, plan and portfolio rules, located findings. */
export async function checkPlansOnThreads(refs: readonly PlanRef[], config: KamConfig, options: CheckOptions): Promise<CheckResult> {
  const pool = new PlanPool(refs, config.tiers.map((t) => t.id));
  try {
    const settings = checkSettings(config, options);
    // Scores that need the portfolio (a percentile scale) wait for it: the plans are kept until then.
    const alone = scoresAlone(config);
    // issue 20: with the as-of date, which decayed inputs are aged to (on every thread alike).
    const model: ScoringModel = { criteria: config.criteria, missing: config.missing, tiers: config.tiers, asOf: options.asOf, segments: config.segments };
    const { files, findings } = await pool.load(!alone, alone ? { settings, model } : undefined);
    // Checked as they loaded, the plans come scored (each alone: only the ranks are left to set).
    const scoredRows: number[] = [];
    const subjects: ScoringSubject[] = [];
    const scored: ScoredAccount[] = [];
    files.forEach((summary, i) => {
      if (summary.subject) subjects.push(summary.subject);
      else if (summary.account) scored.push(summary.account);
      else return;
      scoredRows.push(i);
    });
    const rows = alone ? scored : scoreAccountRows(subjects, model);
    if (alone) assignRanks(rows);
    const accountOfFile: (ScoredAccount | null)[] = new Array(files.length).fill(null);
    const fileOf = new Map<ScoredAccount, string>();
    rows.forEach((account, j) => {
      accountOfFile[scoredRows[j]!] = account;
      fileOf.set(account, refs[scoredRows[j]!]!.file);
    });
    if (!alone) append(findings, await pool.check(accountOfFile, settings));

    const accounts = rankOrder(rows);
    const summary = summarizePortfolio(accounts, config.tiers);
    const elsewhere = duplicateIdIssues(idsOfFiles(files, refs));
    append(elsewhere, portfolioIssues(accounts, summary, config, fileOf));
    append(findings, resolveElsewhere(elsewhere, refs, config));
    // The kam-disable comments last, on every finding of their files (as checkLoadedPlans does).
    const scopes = files.flatMap((summary, i) => suppressionScope(refs[i]!.file, summary.id, summary.suppressions, accountOfFile[i] !== null));
    const all = suppressFindings(findings.sort(compareFindings), scopes, config.rules);
    return { findings: all, accounts, summary, fileOf, files: files.length, invalidFiles: files.length - rows.length };
  } finally {
    pool.close();
  }
}
