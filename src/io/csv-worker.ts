// A worker thread of client-data.ts: reads parts of a UTF-8 client CSV, taken from the counter
// it shares with the main thread, and sends back their columns (moved, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { takeParts, transferablesOf, type PartsJob, type PartsReply } from './client-rows.js';

const work = workerData as PartsJob;
try {
  const parts = takeParts(work);
  parentPort!.postMessage({ parts } satisfies PartsReply, parts.flatMap(([, part]) => transferablesOf(part)));
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message } satisfies PartsReply);
}
