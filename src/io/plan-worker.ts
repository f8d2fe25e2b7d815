// A worker thread of load-plans.ts: parses and validates its share of the plans and sends
// back only data (values, ids and issues); locators are rebuilt by the main thread when needed.
import { parentPort } from 'node:worker_threads';
import type { SourceFile } from '../core/check.js';
import { loadPlanFile } from '../core/plan-file.js';

parentPort?.on('message', (sources: SourceFile[]) => {
  const results = sources.map((source) => {
    const { planFile, issues } = loadPlanFile(source.file, source.bytes);
    return { plan: planFile.plan, id: planFile.id, issues };
  });
  parentPort!.postMessage(results);
});
