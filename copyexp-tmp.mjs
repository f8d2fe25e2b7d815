import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
const text = readFileSync('/tmp/duck-debug.txt', 'utf8').replace(/^kam: duckdb /, '');
const lines = text.split('\n');
const selectAt = lines.findIndex((l) => l.startsWith('SELECT encode('));
// macros: everything before the WITH of the query
const withAt = lines.findIndex((l) => l === 'WITH');
const macros = lines.slice(0, withAt).join('\n');
let query = lines.slice(withAt).join('\n');
query = query.replace(/SELECT encode\((concat_ws\(.*\)) \|\| chr\(13\) \|\| chr\(10\)\) AS line/, 'SELECT $1 || chr(13) AS line');
const db = await DuckDBInstance.create(':memory:', { threads: String(availableParallelism()), memory_limit: '512MB' });
const c = await db.connect();
for (const stmt of macros.split(/;\s*\n/).filter((s) => s.trim())) await c.run(stmt);
const t0 = performance.now();
await c.run(`COPY (${query}) TO '${process.argv[2] ?? '/dev/null'}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')`);
console.log('copy of kam lines', ((performance.now() - t0) / 1000).toFixed(2), 's');
