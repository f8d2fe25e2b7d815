// A worker thread of plan-threads.ts: holds its share of the plans and answers jobs in order.
// A job that fails answers why, and whether it is a bug of kam (plan-shard.ts shardFailure).
import { parentPort } from 'node:worker_threads';
import { PlanShard, shardFailure, type ShardJob } from './plan-shard.js';

const shard = new PlanShard();
parentPort?.on('message', (job: ShardJob) => {
  const reply = shard.run(job);
  try {
    parentPort!.postMessage(reply);
  } catch (err) {
    // A reply that cannot be sent (it cannot be cloned): a bug, answered as one.
    parentPort!.postMessage(shardFailure(err));
  }
});
