// Generates a git repository with a history of plans, deterministically, through one
// `git fast-import` stream: a first commit with N plans, then commits that each edit a few
// plans (and, every 100 commits, kam.yaml's weights), with fixed dates.
// Usage: node scripts/gen-history.mjs <dir> [commits=500] [plans=1000]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { planText } from './plan-text.mjs';

const [dir, commitsArg, plansArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/gen-history.mjs <dir> [commits] [plans]');
  process.exit(2);
}
const commits = Number(commitsArg ?? 500);
const plans = Number(plansArg ?? 1000);
mkdirSync(dir, { recursive: true });
execFileSync('git', ['init', '-q', '-b', 'main', dir]);

const chunks = [];
const data = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
};
const path = (i) => `accounts/account-${String(i).padStart(5, '0')}.yaml`;
const start = Date.UTC(2024, 0, 1) / 1000;
const config = (n) => `version: 1\ncriteria:\n  - { id: revenue, weight: ${35 + n}, input: revenue.latest, scale: { type: log, min: 10000, max: 100000000 } }\n  - { id: influence, weight: 20, input: assessment.influence, scale: { type: linear, min: 0, max: 5 } }\n  - { id: techProspects, weight: 20, input: assessment.techProspects, scale: { type: linear, min: 0, max: 5 } }\n`;

for (let c = 0; c < commits; c++) {
  chunks.push(Buffer.from(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${start + c * 3600} +0000\n`));
  data(c === 0 ? `Import ${plans} plans` : `Update plans (${c})`);
  if (c === 0) {
    chunks.push(Buffer.from('M 100644 inline kam.yaml\n'));
    data(config(0));
    for (let i = 0; i < plans; i++) {
      chunks.push(Buffer.from(`M 100644 inline ${path(i)}\n`));
      data(planText(i));
    }
  } else {
    if (c % 100 === 0) {
      chunks.push(Buffer.from('M 100644 inline kam.yaml\n'));
      data(config(c / 100));
    }
    for (let k = 0; k < 3; k++) {
      const i = (c * 7 + k * 331) % plans;
      chunks.push(Buffer.from(`M 100644 inline ${path(i)}\n`));
      data(planText(i));
    }
  }
  chunks.push(Buffer.from('\n'));
}
execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(chunks) });
execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
