#!/usr/bin/env node
// The long differential run of kam's YAML readings (`npm run fuzz`): the census of
// test/unit/yaml-fast.test.ts (every generator, every comparison: fast path, line reader, careful
// path and the yaml library, values, errors and the location of every path) over many generated
// texts, split over worker processes with seeds apart. Prints the texts, paths and differences
// (which must be none) and the time; exits 1 on any difference.
//
//   node scripts/fuzz.mjs [texts=200000] [--workers n] [--seed n]
//
// A difference is reported with its kind and up to five of its texts (the rerun of one seed:
// KAM_FUZZ_TEXTS=<n> KAM_FUZZ_SEED=<seed> npx vitest run test/unit/yaml-fast.test.ts -t census).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return Number(value);
};
const workers = Math.max(1, option('--workers', Math.min(4, availableParallelism())));
const seed = option('--seed', Math.floor(Math.random() * 2 ** 30));
const texts = Number(args[0] ?? 200_000);
if (!Number.isInteger(texts) || texts < 1 || !Number.isInteger(workers) || !Number.isInteger(seed)) {
  console.error('usage: node scripts/fuzz.mjs [texts] [--workers n] [--seed n]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'kam-fuzz-'));
const start = performance.now();
console.log(`kam fuzz: ${texts} texts on ${workers} worker${workers === 1 ? '' : 's'}, seed ${seed}`);

function worker(k) {
  const share = Math.floor(texts / workers) + (k < texts % workers ? 1 : 0);
  const report = join(dir, `census-${k}.json`);
  const log = join(dir, `census-${k}.log`);
  // Seeds a million apart: each worker's chunks of 500 texts use seed, seed + 1, …
  const env = { ...process.env, KAM_FUZZ_TEXTS: String(share), KAM_FUZZ_SEED: String(seed + k * 1_000_000), KAM_FUZZ_REPORT: report, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings`.trim() };
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', 'test/unit/yaml-fast.test.ts', '-t', 'the census'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      writeFileSync(log, output);
      let census;
      try {
        census = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        census = undefined;
      }
      resolve({ k, code, census, output });
    });
  });
}

const results = await Promise.all(Array.from({ length: workers }, (_, k) => worker(k)));
const seconds = (performance.now() - start) / 1000;
const total = { texts: 0, fast: 0, lines: 0, paths: 0, differences: {}, examples: {}, perKind: {} };
let broken = false;
for (const { k, code, census, output } of results) {
  if (!census) {
    broken = true;
    console.error(`worker ${k} gave no census (exit ${code}):\n${output.slice(-4000)}`);
    continue;
  }
  for (const key of ['texts', 'fast', 'lines', 'paths']) total[key] += census[key];
  for (const [kind, n] of Object.entries(census.differences)) total.differences[kind] = (total.differences[kind] ?? 0) + n;
  for (const [kind, list] of Object.entries(census.examples)) (total.examples[kind] ??= []).push(...list.map((text) => ({ seed: census.seed, text })));
  for (const [kind, n] of Object.entries(census.perKind)) total.perKind[kind] = (total.perKind[kind] ?? 0) + n;
  if (code !== 0 && Object.keys(census.differences).length === 0) {
    broken = true;
    console.error(`worker ${k} failed (exit ${code}) without a difference counted:\n${output.slice(-4000)}`);
  }
}
const differences = Object.values(total.differences).reduce((a, b) => a + b, 0);

const n = (x) => x.toLocaleString('en-US');
console.log('');
for (const [kind, count] of Object.entries(total.perKind)) console.log(`  ${n(count).padStart(9)}  ${kind}`);
console.log('');
console.log(`texts:        ${n(total.texts)} (the fast path read ${n(total.fast)}, the line reader ${n(total.lines)})`);
console.log(`paths:        ${n(total.paths)} located (as key and as value): the careful locator's answer against the fast and the public ones`);
console.log(`differences:  ${n(differences)}`);
for (const [kind, count] of Object.entries(total.differences)) {
  console.log(`  ${n(count).padStart(7)}  ${kind}`);
  for (const { seed: s, text } of total.examples[kind].slice(0, 5)) console.log(`           seed ${s}: ${JSON.stringify(text).slice(0, 300)}`);
}
console.log(`time:         ${seconds.toFixed(1)} s`);
if (differences === 0 && !broken) rmSync(dir, { recursive: true, force: true });
else console.log(`logs and reports: ${dir}`);
process.exit(differences === 0 && !broken ? 0 : 1);
