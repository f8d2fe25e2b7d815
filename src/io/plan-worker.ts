// A worker thread of load-plans.ts: reads (when given paths) and parses and validates its share
// of the plans, and sends back only data (values, ids and issues); locators are rebuilt by the
// main thread for the files that have findings.
import { parentPort } from 'node:worker_threads';
import { loadPlanFile } from '../core/plan-file.js';
import { bytesOf, type PlanRef } from './workspace.js';

parentPort?.on('message', (refs: PlanRef[]) => {
  try {
    const results = refs.map((ref) => {
      const { planFile, issues } = loadPlanFile(ref.file, bytesOf(ref));
      return { plan: planFile.plan, id: planFile.id, issues };
    });
    parentPort!.postMessage({ results });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
