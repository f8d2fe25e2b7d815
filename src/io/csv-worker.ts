// A worker thread of client-data.ts: reads parts of a UTF-8 client CSV, taken from the counter
// it shares with the main thread, and sends back their columns (moved, not copied). The worker
// speaks English: an error with a message sends it as data, for the main thread to render in
// the locale of the run.
import { parentPort, workerData } from 'node:worker_threads';
import { DataInputError } from '../tabular/messages.js';
import { takeParts, transferablesOf, type PartsJob, type PartsReply } from './client-rows.js';

const work = workerData as PartsJob;
try {
  const parts = takeParts(work);
  parentPort!.postMessage({ parts } satisfies PartsReply, parts.flatMap(([, part]) => transferablesOf(part)));
} catch (err) {
  const reply: PartsReply = err instanceof DataInputError ? { error: err.message, text: err.data } : { error: (err as Error).message };
  parentPort!.postMessage(reply);
}
