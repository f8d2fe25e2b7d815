// Client data (SPEC 5): which header column feeds which scoring input or plan field. Pure: the readers are in src/tabular/, the rows become columns in
// src/io/client-rows.ts.
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
  /** Columns a plan takes as text (kam import). */
  text: Partial<Record<TextField, number>>;
  /** Criteria whose input has no column at all (they count as missing on every row). */
  unmapped: Criterion[];
  /** data.columns entries that match no header (likely typos). */
  unusedMappings: string[];
  /** Headers that look like a field an explicit data.columns mapping feeds from another column: ignored. */
  overridden: { header: string; field: string; mappedFrom: string }[];
  /** Fields that two or more columns would feed, with no mapping to say which: the file cannot be read right. */
  conflicts: { field: string; headers: string[] }[];
}

export const TEXT_FIELDS = ['industry', 'region', 'owner'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** A field's name as the README spells it (revenue2024 → revenue_2024). */
function fieldName(key: string, config: Pick<KamConfig, 'criteria'>): string {
  const year = /^revenue(\d{4})$/.exec(key);
  if (year) return `revenue_${year[1]}`;
  for (const criterion of config.criteria) {
    const custom = /^(assessment|metrics)\.(.+)$/.exec(criterion.input);
    if (custom && normalizeHeader(custom[2]!) === key) return custom[2]!;
  }
  return key;
}

/** Whether kam reads the field (two columns feeding a field kam ignores harm nothing). */
function readsField(key: string, config: Pick<KamConfig, 'criteria'>): boolean {
  if (['id', 'name', 'wallet', ...TEXT_FIELDS].includes(key) || /^revenue\d{4}$/.test(key)) return true;
  return config.criteria.some((c) => {
    const custom = /^(assessment|metrics)\.(.+)$/.exec(c.input);
    return custom !== null && normalizeHeader(custom[2]!) === key;
  });
}

export function planColumns(header: readonly string[], config: Pick<KamConfig, 'criteria' | 'data'>): ColumnPlan {
  const mapping = new Map<string, string>();
  for (const [from, to] of Object.entries(config.data.columns)) mapping.set(normalizeHeader(from), to);
  const usedMappings = new Set<string>();
  const feeding = new Map<string, { column: number; header: string; mapped: boolean }[]>();
  header.forEach((raw, i) => {
    const key = normalizeHeader(raw);
    if (key === '') return;
    const mapped = mapping.get(key);
    if (mapped !== undefined) usedMappings.add(key);
    const target = normalizeHeader(mapped ?? raw);
    const list = feeding.get(target) ?? [];
    list.push({ column: i, header: raw, mapped: mapped !== undefined });
    feeding.set(target, list);
  });

  const plan: ColumnPlan = { revenue: [], custom: [], text: {}, unmapped: [], unusedMappings: [], overridden: [], conflicts: [] };
  const byName = new Map<string, number>();
  for (const [target, list] of feeding) {
    if (list.length === 1 || !readsField(target, config)) {
      byName.set(target, list[0]!.column);
      continue;
    }
    // An explicit mapping wins over look-alike headers; two mappings, or none, leave it open.
    const mapped = list.filter((c) => c.mapped);
    if (mapped.length === 1) {
      byName.set(target, mapped[0]!.column);
      for (const c of list) if (!c.mapped) plan.overridden.push({ header: c.header, field: fieldName(target, config), mappedFrom: mapped[0]!.header });
    } else {
      plan.conflicts.push({ field: fieldName(target, config), headers: list.map((c) => c.header) });
    }
  }
  const id = byName.get('id');
  const name = byName.get('name');
  if (id !== undefined) plan.id = id;
  if (name !== undefined) plan.name = name;
  const wallet = byName.get('wallet');
  if (wallet !== undefined) plan.wallet = wallet;
  for (const field of TEXT_FIELDS) {
    const column = byName.get(field);
    if (column !== undefined) plan.text[field] = column;
  }
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

/** Whether a header row names the columns kam needs at least (an id or a name), after data.columns. */
export function isClientHeader(header: readonly string[], config: Pick<KamConfig, 'criteria' | 'data'>): boolean {
  const plan = planColumns(header, config);
  return plan.id !== undefined || plan.name !== undefined;
}
