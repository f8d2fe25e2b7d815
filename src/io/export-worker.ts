// The export worker (export-threads.ts): writes the partitions of rows it is sent with the same
// row writer as the main thread, and sends their bytes back (moved, not copied), counting them
// in the shared counter the main thread waits on.
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportWorkerData, ExportWorkerReply, ExportWorkerRequest } from './export-threads.js';
import { rowWriter } from './score-export.js';

const { format, model, tierCells, replies, written } = workerData as ExportWorkerData;
const writer = rowWriter(format, model, tierCells);
const count = new Int32Array(written);
/** For tests: the partition this worker fails on (the export must then end in an internal error, not a short output). */
const failAt = Number(process.env.KAM_EXPORT_WORKER_FAIL ?? -1);

parentPort!.on('message', (request: ExportWorkerRequest) => {
  if ('giveBack' in request) return writer.out.giveBack(request.giveBack);
  let reply: ExportWorkerReply;
  let moved: ArrayBuffer[] = [];
  try {
    if (request.seq === failAt) throw new Error(`failed on partition ${failAt} (KAM_EXPORT_WORKER_FAIL)`);
    const chunks = writer.write(request.part, request.first);
    reply = { seq: request.seq, chunks };
    moved = chunks.map((chunk) => chunk.buffer as ArrayBuffer);
  } catch (err) {
    reply = { seq: request.seq, error: (err as Error).message ?? String(err), stack: (err as Error).stack ?? '' };
  }
  replies.postMessage(reply, moved);
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
});
