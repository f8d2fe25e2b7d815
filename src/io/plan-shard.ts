// A share of the plans, held by one thread (the main thread or a worker, see plan-threads.ts).
// Phase "load" reads, parses and validates a batch and answers only what the main thread needs
// to score the portfolio (ids and scoring subjects). When each account's score depends on its
// own inputs only (scoresAlone), it also scores the batch's plans and runs the plan rules then and
// there, answering located findings, and keeps nothing. Otherwise the plans stay here until
// phase "check" brings the accounts as scored against the whole portfolio. What crosses the
// thread boundary is small: no plan objects, no texts, no locators.
import { checkDeclaredTier, planRuleIssues, resolveFindings, type CheckSettings, type LoadedPlans, type ValidPlanFile } from '../core/check.js';
import type { Finding, Issue } from '../core/findings.js';
import { duplicateIdIssues, loadPlanFile, type PlanFile } from '../core/plan-file.js';
import { scoreAccountRows, subjectOfPlan, type ScoredAccount, type ScoringModel, type ScoringSubject } from '../core/scoring.js';
import type { FileSuppressions } from '../core/suppressions.js';
import { whitespaceFacts, type WhitespaceFacts } from '../core/whitespace.js';
import { overLimitMessage } from '../core/yaml-source.js';
import { KamError } from '../errors.js';
import { english, msg, type Message } from '../i18n/index.js';
import { readFileSafe, reasonWord } from './read-file.js';
import { readPlan, type PlanRef } from './workspace.js';

/** One loaded file as the main thread sees it. */
export interface LoadedFileSummary {
  id?: string;
  /** Present when the plan is valid (it is scored). */
  subject?: ScoringSubject;
  /** Instead of the subject when the plans are checked as they load: the plan scored alone (its rank is set by the main thread). */
  account?: ScoredAccount;
  /** The validation issues of an invalid plan (a valid plan's stay with the shard). */
  issues?: Issue[];
  /** Its kam-disable comments, when it has any: the main thread applies them once every finding is known. */
  suppressions?: FileSuppressions;
  /** With the subject, when the job asks for them (`kam whitespace`): the plan's whitespace entries and share targets. */
  whitespace?: WhitespaceFacts;
}

/** What the plan rules need in phase "load": the settings, and the model that scores an account alone. */
export interface CheckOnLoad {
  settings: CheckSettings;
  model: ScoringModel;
}

export type ShardJob =
  /** tiers: the tier ids of kam.yaml (a plan that declares another tier is a schema error). */
  | { type: 'load'; batch: number; refs: PlanRef[]; keep: boolean; check?: CheckOnLoad; tiers?: string[]; whitespace?: boolean }
  /** accounts[i]: the scored account of the batch's file i, null when it was not scored. */
  | { type: 'check'; batch: number; accounts: (ScoredAccount | null)[]; settings: CheckSettings };

/**
 * A job that failed. `internal`: a bug of kam (a TypeError, a broken invariant), which stays an
 * internal error on the main thread (with its stack for KAM_DEBUG=1); otherwise a KamError, an
 * input problem (exit 2 with its message).
 */
export interface ShardFailure {
  error: string;
  /** The error's message as data, when it has one (a KamError of a catalog message): plain data, it crosses threads. */
  text?: Message;
  internal?: boolean;
  stack?: string;
}

export type ShardReply = { files: LoadedFileSummary[]; findings?: Finding[] } | { findings: Finding[] } | ShardFailure;

/** A failed job as the thread that runs it answers it (a worker cannot send an Error as it is). */
export function shardFailure(err: unknown): ShardFailure {
  if (err instanceof KamError) return { error: err.message, ...(err.text !== undefined ? { text: err.text } : {}) };
  const error = err instanceof Error ? err : new Error(String(err));
  return { error: error.message, internal: true, ...(error.stack !== undefined ? { stack: error.stack } : {}) };
}

const noLocation = () => ({ line: 1, column: 1 });

/** A plan that could not be loaded: `unreadable` says why (the message of its finding, in English). */
interface LoadedRef {
  planFile: PlanFile;
  issues: Issue[];
  unreadable?: string;
  /** `unreadable` as data (to say it in the locale of the run). */
  unreadableText?: Message;
}

/** `cannot read: <reason>` (the finding on a plan that cannot be read: it names the reason, never the content). */
function cannotReadMessage(reason: string): Message {
  return msg('validation.cannot-read', { reason: reasonWord(reason) });
}

/**
 * A plan loaded, or the finding of a file that cannot be read (a FIFO, a device, no permission)
 * or is over the size limit (its real size in the message): one file never stops the others.
 */
export function loadRef(ref: PlanRef): LoadedRef {
  let message: Message;
  if (ref.path !== undefined) {
    const read = readFileSafe(ref.path, ref.regular ? { regular: true } : {});
    if (read.ok) return loadPlanFile(ref.file, read.bytes);
    message = read.over ? overLimitMessage(read.size) : cannotReadMessage(read.reason);
  } else {
    const read = readPlan(ref);
    if (read.bytes !== undefined) return loadPlanFile(ref.file, read.bytes);
    message = cannotReadMessage(read.problem);
  }
  const issue: Issue = { rule: 'yaml-syntax', file: ref.file, message, position: { line: 1, column: 1 } };
  return { planFile: { file: ref.file, locator: () => noLocation }, issues: [issue], unreadable: english(message), unreadableText: message };
}

/**
 * Every plan of `refs` loaded on this thread, in order, for the commands that need whole plans
 * (report: the cards; diff: the working tree against a revision). A plan that cannot be read is
 * a finding, as in `kam check`, and is listed in `unreadable`; the others load as usual.
 */
export function loadPlanRefs(refs: readonly PlanRef[]): LoadedPlans & { unreadable: { file: string; message: string; text: Message }[] } {
  const planFiles: PlanFile[] = [];
  const issues: Issue[] = [];
  /** `message` in English, `text` as data. */
  const unreadable: { file: string; message: string; text: Message }[] = [];
  for (const ref of refs) {
    const loaded = loadRef(ref);
    planFiles.push(loaded.planFile);
    for (const issue of loaded.issues) issues.push(issue);
    if (loaded.unreadable !== undefined) unreadable.push({ file: ref.file, message: loaded.unreadable, text: loaded.unreadableText! });
  }
  for (const issue of duplicateIdIssues(planFiles)) issues.push(issue);
  return { planFiles, issues, unreadable };
}

interface HeldBatch {
  planFiles: PlanFile[];
  issues: Issue[][];
}

export class PlanShard {
  private readonly held = new Map<number, HeldBatch>();

  load(batch: number, refs: readonly PlanRef[], keep: boolean, check?: CheckOnLoad, tiers?: readonly string[], whitespace = false): { files: LoadedFileSummary[]; findings?: Finding[] } {
    const kept: HeldBatch = { planFiles: [], issues: [] };
    const findings: Finding[] = [];
    const files = refs.map((ref): LoadedFileSummary => {
      const { planFile, issues } = tiers ? checkDeclaredTier(loadRef(ref), tiers) : loadRef(ref);
      const summary: LoadedFileSummary = {};
      if (planFile.id !== undefined) summary.id = planFile.id;
      if (planFile.suppressions) summary.suppressions = planFile.suppressions;
      if (!planFile.plan) summary.issues = issues;
      if (check) {
        // Each file done before the next: a plan that lives only this long costs the GC little.
        if (planFile.plan) {
          const account = scoreAccountRows([subjectOfPlan(planFile.plan)], check.model)[0]!;
          summary.account = account;
          issues.push(...planRuleIssues(planFile as ValidPlanFile, account, check.settings));
        }
        findings.push(...resolveFindings(issues, [planFile], check.settings.rules));
      } else {
        if (planFile.plan) summary.subject = subjectOfPlan(planFile.plan);
        if (planFile.plan && whitespace) summary.whitespace = whitespaceFacts(planFile.plan);
        if (keep) {
          kept.planFiles.push(planFile);
          kept.issues.push(issues);
        }
      }
      return summary;
    });
    if (check) return { files, findings };
    if (keep) this.held.set(batch, kept);
    return { files };
  }

  /** The findings of a kept batch: its validation issues and the plan rules', located. The batch is then dropped. */
  check(batch: number, accounts: readonly (ScoredAccount | null)[], settings: CheckSettings): Finding[] {
    const kept = this.held.get(batch);
    if (!kept) throw new Error(`plan batch ${batch} is not held by this thread`);
    this.held.delete(batch);
    const issues: Issue[] = [];
    kept.planFiles.forEach((pf, i) => {
      issues.push(...kept.issues[i]!);
      const account = accounts[i];
      if (account && pf.plan) issues.push(...planRuleIssues(pf as ValidPlanFile, account, settings));
    });
    return resolveFindings(issues, kept.planFiles, settings.rules);
  }

  run(job: ShardJob): ShardReply {
    try {
      if (job.type === 'load') return this.load(job.batch, job.refs, job.keep, job.check, job.tiers, job.whitespace);
      return { findings: this.check(job.batch, job.accounts, job.settings) };
    } catch (err) {
      return shardFailure(err);
    }
  }
}
