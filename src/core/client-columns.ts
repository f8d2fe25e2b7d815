// Client CSV data (SPEC 5): which header column feeds which scoring input, and how
// one row's cells become numbers. Pure: the streaming reader is in src/io/client-data.ts.
import type { Criterion, KamConfig } from './config.js';

/** Header names compare without case, spaces, '_' or '-': techProspects = tech_prospects = "Tech Prospects". */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

export interface ColumnPlan {
  id?: number;
  name?: number;
  /** [year, column] for each revenue_<YYYY> column. */
  revenue: [number, number][];
  wallet?: number;
  /** For each criterion: the column of its assessment/metrics input, when it has one. */
  custom: (number | undefined)[];
  /** Criteria whose input has no column at all (they count as missing on every row). */
  unmapped: Criterion[];
  /** data.columns entries that match no header (likely typos). */
  unusedMappings: string[];
}

export function planColumns(header: readonly string[], config: Pick<KamConfig, 'criteria' | 'data'>): ColumnPlan {
  const mapping = new Map<string, string>();
  for (const [from, to] of Object.entries(config.data.columns)) mapping.set(normalizeHeader(from), to);
  const usedMappings = new Set<string>();
  const byName = new Map<string, number>();
  header.forEach((raw, i) => {
    const key = normalizeHeader(raw);
    const mapped = mapping.get(key);
    if (mapped !== undefined) usedMappings.add(key);
    const target = normalizeHeader(mapped ?? raw);
    if (!byName.has(target)) byName.set(target, i);
  });

  const plan: ColumnPlan = { revenue: [], custom: [], unmapped: [], unusedMappings: [] };
  const id = byName.get('id');
  const name = byName.get('name');
  if (id !== undefined) plan.id = id;
  if (name !== undefined) plan.name = name;
  const wallet = byName.get('wallet');
  if (wallet !== undefined) plan.wallet = wallet;
  for (const [key, column] of byName) {
    const m = /^revenue(\d{4})$/.exec(key);
    if (m) plan.revenue.push([Number(m[1]), column]);
  }
  plan.revenue.sort((a, b) => a[0] - b[0]);

  for (const criterion of config.criteria) {
    const custom = /^(assessment|metrics)\.(.+)$/.exec(criterion.input);
    const column = custom ? byName.get(normalizeHeader(custom[2]!)) : undefined;
    plan.custom.push(column);
    const needs = custom ? column === undefined
      : criterion.input.startsWith('revenue.') ? plan.revenue.length === 0
      : criterion.input === 'wallet' ? plan.wallet === undefined
      : plan.revenue.length === 0 || plan.wallet === undefined; // shareOfWallet
    if (needs) plan.unmapped.push(criterion);
  }
  for (const [from] of Object.entries(config.data.columns)) {
    if (!usedMappings.has(normalizeHeader(from))) plan.unusedMappings.push(from);
  }
  return plan;
}

const NUMBER_RE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A cell as a number: '' is missing (undefined); anything not a plain decimal number is null (a bad cell). */
export function parseCell(cell: string | undefined): number | undefined | null {
  if (cell === undefined || cell === '') return undefined;
  // Fast path: a bare decimal integer, the most common cell of an export.
  if (cell.length < 16) {
    let digits = true;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) {
        digits = false;
        break;
      }
    }
    if (digits) return Number(cell);
  }
  if (NUMBER_RE.test(cell)) return Number(cell);
  return cell.trim() === '' ? undefined : null;
}

/** SPEC 5: lowercase, each run of characters other than a-z and 0-9 becomes '-', no '-' at either end. */
export function slugOfName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
