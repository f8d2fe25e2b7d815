// A worker thread of plan-threads.ts: holds its share of the plans and answers jobs in order.
import { parentPort } from 'node:worker_threads';
import { PlanShard, type ShardJob } from './plan-shard.js';

const shard = new PlanShard();
parentPort?.on('message', (job: ShardJob) => parentPort!.postMessage(shard.run(job)));
