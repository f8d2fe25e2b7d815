// Bundles src/cli.ts into dist/ with esbuild: one file for start-up, plus a chunk per
// lazily imported command, and the worker threads of plan loading (dist/plan-worker.js), of
// client CSV reading (dist/csv-worker.js) and of export writing (dist/export-worker.js).
// Type-checking is `npm run typecheck` (tsc --noEmit).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts', 'plan-worker': 'src/io/plan-worker.ts', 'csv-worker': 'src/io/csv-worker.ts', 'export-worker': 'src/io/export-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  sourcemap: false,
  logLevel: 'warning',
  // exceljs (workbooks) is loaded from node_modules, only when a workbook is read: bundling its
  // CommonJS tree would add megabytes to dist/ for every command.
  external: ['exceljs', '@duckdb/node-api'],
  define: { __KAM_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) may call require() on Node built-ins.
  banner: { js: "import { createRequire as __kamRequire } from 'node:module'; const require = __kamRequire(import.meta.url);" },
});
