// A worker thread of client-data.ts: reads parts of a UTF-8 client CSV, taken from the counter
// it shares with the main thread, and sends back their columns (moved, not copied).
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { takeParts, transferablesOf, type PartsJob, type PartsReply } from './client-rows.js';

const work = workerData as PartsJob;
try {
  const fd = openSync(work.job.path, 'r');
  try {
    const parts = takeParts(fd, new TextDecoder('utf-8', { fatal: true }), work);
    parentPort!.postMessage({ parts } satisfies PartsReply, parts.flatMap(([, part]) => transferablesOf(part)));
  } finally {
    closeSync(fd);
  }
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message } satisfies PartsReply);
}
