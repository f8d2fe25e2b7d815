// The export worker seen from the main thread (score-export.ts): partitions of rows go to it,
// their bytes come back on a port the main thread reads without its event loop
// (receiveMessageOnPort): it is busy writing its own partitions meanwhile, and would otherwise
// see the worker's progress only when it next waits. A shared counter says how many partitions
// the worker has written, so that waiting for one is Atomics.wait, not a turn of the loop.
// Written chunks are given back to the worker (recyclable), which reuses their memory.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { recyclable } from '../format/score/columnar.js';
import type { ExportFormat, PartitionRows, WriterModel } from './score-export.js';

export interface ExportWorkerData {
  format: ExportFormat;
  model: WriterModel;
  tierCells: readonly string[];
  /** Where the worker sends its replies. */
  replies: MessagePort;
  /** [0]: how many partitions the worker has replied to. */
  written: SharedArrayBuffer;
}

/** main → worker: write a partition (`first`: the output's first rows), or take a written chunk's memory back. */
export type ExportWorkerRequest = { seq: number; part: PartitionRows; first: boolean } | { giveBack: ArrayBuffer };
/** worker → main: a partition's bytes, or why it could not write them. */
export type ExportWorkerReply = { seq: number; chunks: Uint8Array[] } | { seq: number; error: string; stack: string };

export interface ExportWorker {
  /** Sends a partition to be written (its arrays are moved: unusable here after); returns its number. */
  send(part: PartitionRows, first: boolean): number;
  /** The partitions sent that the worker has not written yet. */
  busy(): number;
  /** The bytes of partition `seq` if the worker has written it (never waits). */
  take(seq: number): Uint8Array[] | undefined;
  /** The bytes of partition `seq`, waiting for the worker to write them. */
  wait(seq: number): Promise<Uint8Array[]>;
  stop(): void;
}

/** The worker's young generation: V8's default lets it grow to tens of MiB under the writer's short-lived strings (measured: 4 MiB costs no time, saves ~5 MiB of peak). */
const WORKER_YOUNG_MIB = 4;

/** How long the main thread blocks at a time waiting for the worker before it lets its event loop turn (a worker that died says so there). */
const WAIT_MS = 50;

/** The worker, or undefined when kam runs from its sources (the worker is a file of the bundle, dist/export-worker.js). */
export function startExportWorker(data: Omit<ExportWorkerData, 'replies' | 'written'>): ExportWorker | undefined {
  const file = new URL('./export-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(file))) return undefined;
  const channel = new MessageChannel();
  const written = new SharedArrayBuffer(4);
  const count = new Int32Array(written);
  const worker = new Worker(file, { workerData: { ...data, replies: channel.port2, written } satisfies ExportWorkerData, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MIB } });
  const port = channel.port1;
  const results = new Map<number, Uint8Array[]>();
  let failure: Error | undefined;
  let seq = 0;
  worker.on('error', (err) => (failure ??= err));
  worker.on('exit', (code) => (failure ??= new Error(`the export worker stopped (exit code ${code})`)));
  const giveBack = (chunk: Uint8Array) => {
    if (failure === undefined && chunk.byteOffset === 0) worker.postMessage({ giveBack: chunk.buffer as ArrayBuffer } satisfies ExportWorkerRequest, [chunk.buffer as ArrayBuffer]);
  };
  const receive = () => {
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const reply = m.message as ExportWorkerReply;
      if ('error' in reply) {
        const err = new Error(`export worker: ${reply.error}`);
        err.stack = `${err.message}\n(in the export worker) ${reply.stack}`;
        failure ??= err;
      }
      else results.set(reply.seq, reply.chunks.map((chunk) => recyclable(chunk, () => giveBack(chunk))));
    }
  };
  const take = (id: number) => {
    receive();
    if (failure !== undefined) throw failure;
    const chunks = results.get(id);
    if (chunks !== undefined) results.delete(id);
    return chunks;
  };
  return {
    send(part, first) {
      if (failure !== undefined) throw failure;
      const id = seq++;
      worker.postMessage({ seq: id, part, first } satisfies ExportWorkerRequest, [part.records.buffer as ArrayBuffer, part.ids.buffer as ArrayBuffer, part.names.buffer as ArrayBuffer]);
      return id;
    },
    busy: () => seq - Atomics.load(count, 0),
    take,
    async wait(id) {
      for (;;) {
        const seen = Atomics.load(count, 0);
        const chunks = take(id);
        if (chunks !== undefined) return chunks;
        if (Atomics.wait(count, 0, seen, WAIT_MS) === 'timed-out') await new Promise((resolve) => setImmediate(resolve));
      }
    },
    stop() {
      failure ??= new Error('the export worker was stopped');
      port.close();
      void worker.terminate();
    },
  };
}
