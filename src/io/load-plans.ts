// Loading many plans on every core: worker threads parse and validate shares of the files
// while the main thread does its own share. Below a few thousand files a worker's start-up
// (loading kam's code again) costs more than it saves, and everything stays on one thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadPlans, type LoadedPlans, type SourceFile } from '../core/check.js';
import type { Issue } from '../core/findings.js';
import { duplicateIdIssues, loadPlanFile, restoredPlanFile, type PlanFile } from '../core/plan-file.js';
import type { Plan } from '../core/plan.js';

export const PARALLEL_MIN_FILES = 2000;
const MAX_THREADS = 4;

type WorkerResult = { plan?: Plan; id?: string; issues: Issue[] }[];

/** Threads to use: KAM_THREADS when set (1 keeps everything on the main thread), else the cores, at most MAX_THREADS. */
function threadCount(env = process.env): number {
  const wanted = Number(env.KAM_THREADS);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.min(availableParallelism(), MAX_THREADS);
}

export async function loadPlansInParallel(sources: readonly SourceFile[]): Promise<LoadedPlans> {
  const threads = threadCount();
  // The worker is a file of the bundle (dist/plan-worker.js); run from source there is none.
  const workerFile = new URL('./plan-worker.js', import.meta.url);
  if (sources.length < PARALLEL_MIN_FILES || threads < 2 || !existsSync(fileURLToPath(workerFile))) return loadPlans(sources);

  const size = Math.ceil(sources.length / threads);
  const parts = Array.from({ length: threads }, (_, i) => sources.slice(i * size, (i + 1) * size));
  const workers = parts.slice(1).map((part) => {
    const worker = new Worker(workerFile);
    const done = new Promise<WorkerResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(part);
    return { worker, done };
  });
  try {
    const planFiles: PlanFile[] = [];
    const issues: Issue[] = [];
    for (const source of parts[0]!) {
      const loaded = loadPlanFile(source.file, source.bytes);
      planFiles.push(loaded.planFile);
      issues.push(...loaded.issues);
    }
    for (let w = 0; w < workers.length; w++) {
      const results = await workers[w]!.done;
      const part = parts[w + 1]!;
      results.forEach((result, i) => {
        const source = part[i]!;
        planFiles.push(restoredPlanFile(source.file, source.bytes, result));
        issues.push(...result.issues);
      });
    }
    issues.push(...duplicateIdIssues(planFiles));
    if (process.env.KAM_DEBUG === '1') process.stderr.write(`kam: loaded ${sources.length} plans on ${threads} threads\n`);
    return { planFiles, issues };
  } finally {
    for (const { worker } of workers) void worker.terminate();
  }
}
