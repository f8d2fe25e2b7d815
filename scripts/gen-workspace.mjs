// Generates a workspace of N realistic plans (~4 KB each), deterministically.
// Usage: node scripts/gen-workspace.mjs <dir> [count]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planText } from './plan-text.mjs';

const [dir, countArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/gen-workspace.mjs <dir> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 10000);
mkdirSync(join(dir, 'accounts'), { recursive: true });
writeFileSync(join(dir, 'kam.yaml'), 'version: 1\n');
for (let i = 0; i < count; i++) writeFileSync(join(dir, 'accounts', `account-${String(i).padStart(5, '0')}.yaml`), planText(i));
