// Loading many plans on every core: worker threads parse and validate shares of the files
// while the main thread does its own share. Below a few thousand files a worker's start-up
// (loading kam's code again) costs more than it saves, and everything stays on one thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadPlans, type LoadedPlans } from '../core/check.js';
import { InputError } from '../errors.js';
import { bytesOf, type PlanRef } from './workspace.js';
import type { Issue } from '../core/findings.js';
import { duplicateIdIssues, loadPlanFile, restoredPlanFile, type PlanFile } from '../core/plan-file.js';
import type { Plan } from '../core/plan.js';

export const PARALLEL_MIN_FILES = 2000;
const MAX_THREADS = 4;
/** Plans per batch handed to a thread. */
const BATCH = 250;

type WorkerReply = { results: { plan?: Plan; id?: string; issues: Issue[] }[]; error?: undefined } | { error: string; results?: undefined };

/** Threads to use: KAM_THREADS when set (1 keeps everything on the main thread), else the cores, at most MAX_THREADS. */
function threadCount(env = process.env): number {
  const wanted = Number(env.KAM_THREADS);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.min(availableParallelism(), MAX_THREADS);
}

export async function loadPlansInParallel(sources: readonly PlanRef[]): Promise<LoadedPlans> {
  const threads = threadCount();
  // The worker is a file of the bundle (dist/plan-worker.js); run from source there is none.
  const workerFile = new URL('./plan-worker.js', import.meta.url);
  if (sources.length < PARALLEL_MIN_FILES || threads < 2 || !existsSync(fileURLToPath(workerFile))) {
    return loadPlans(sources.map((ref) => ({ file: ref.file, bytes: bytesOf(ref) })));
  }

  // Batches from one queue: the main thread and each worker take the next batch when done with
  // theirs, so a worker that starts late (it loads kam's code first) simply takes fewer.
  const batches: PlanRef[][] = [];
  for (let i = 0; i < sources.length; i += BATCH) batches.push(sources.slice(i, i + BATCH));
  const loaded: ({ planFile: PlanFile; issues: Issue[] }[] | undefined)[] = new Array(batches.length);
  let next = 0;
  let failure: Error | undefined;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(workerFile));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let current = -1;
        const give = () => {
          if (next >= batches.length || failure) return resolve();
          current = next++;
          worker.postMessage(batches[current]);
        };
        worker.on('message', (reply: WorkerReply) => {
          if (reply.error !== undefined) {
            failure = new InputError(reply.error);
            return reject(failure);
          }
          const batch = batches[current]!;
          loaded[current] = reply.results.map((result, i) => ({ planFile: restoredPlanFile(batch[i]!.file, () => bytesOf(batch[i]!), result), issues: result.issues }));
          give();
        });
        worker.once('error', reject);
        give();
      }),
  );
  try {
    while (next < batches.length && !failure) {
      const mine = next++;
      loaded[mine] = batches[mine]!.map((ref) => loadPlanFile(ref.file, bytesOf(ref)));
      await new Promise((resolve) => setImmediate(resolve)); // let the workers' replies in
    }
    await Promise.all(finished);
    const planFiles: PlanFile[] = [];
    const issues: Issue[] = [];
    for (const batch of loaded) {
      for (const one of batch!) {
        planFiles.push(one.planFile);
        issues.push(...one.issues);
      }
    }
    issues.push(...duplicateIdIssues(planFiles));
    if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: loaded ${sources.length} plans on ${threads} threads\n`);
    return { planFiles, issues };
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}
