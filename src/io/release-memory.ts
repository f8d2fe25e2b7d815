// Large typed arrays a step no longer needs, freed now rather than at V8's next full collection.
// A million-row export allocates tens of MiB of temporaries (the rank order's sort keys) and then
// allocates little on the JS heap while it writes, so V8 might not collect them before the end:
// the peak memory would count them. Moving an array's memory into a message on a closed port
// (transfer semantics) detaches it at once and lets Node free it on the next turn of the event loop.
// Only for arrays nothing else refers to: a released array reads as empty.
import { MessageChannel } from 'node:worker_threads';

export function releaseArrays(arrays: readonly ArrayBufferView[], minBytes = 1 << 20): void {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer && array.buffer.byteLength >= minBytes) buffers.add(array.buffer);
  if (buffers.size === 0) return;
  const channel = new MessageChannel();
  channel.port1.postMessage(null, [...buffers]);
  channel.port1.close();
  channel.port2.close();
}
