// The small model description `kam sql` compiles (issue 21): what each output column is made of,
// read from kam.yaml and the table's column names exactly as `kam score --data` reads a header
// (planColumns: normalized names, revenue_<YYYY>, wallet, assessment./metrics. names, data.columns).
import { planColumns } from '../core/client-columns.js';
import type { KamConfig, Scale } from '../core/config.js';

/** Where a criterion's input comes from. */
export type SqlInput =
  | { kind: 'latest' | 'total' | 'cagr' | 'wallet' | 'shareOfWallet' }
  /** An assessment./metrics. input read from its own column. */
  | { kind: 'column'; column: string }
  /** No column feeds it: missing on every row (kam score --data says so too). */
  | { kind: 'none' };

export interface SqlCriterion {
  id: string;
  /** The stem of its output columns (<alias>_input, _score, _contribution): letters, digits and _. */
  alias: string;
  weight: number;
  input: SqlInput;
  scale: Scale;
}

export interface SqlModel {
  idColumn: string;
  nameColumn: string | undefined;
  /** Revenue columns, years ascending. */
  revenue: { year: number; column: string }[];
  walletColumn: string | undefined;
  criteria: SqlCriterion[];
  missing: 'zero' | 'exclude';
  tiers: { id: string; min: number; alias: string }[];
}

/** Why a model cannot be compiled for these columns (the command turns it into a usage error). */
export type SqlModelProblem =
  | { kind: 'no-id-column'; header: string[] }
  | { kind: 'conflict'; field: string; headers: string[] };

/** A column stem made of an id: letters, digits and '_' (every dialect takes it unquoted or quoted alike), unique among `taken`. */
function aliasOf(id: string, taken: Set<string>): string {
  let base = id.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (base === '' || /^[0-9]/.test(base)) base = `c_${base}`;
  let alias = base;
  for (let k = 2; taken.has(alias.toLowerCase()); k++) alias = `${base}_${k}`;
  taken.add(alias.toLowerCase());
  return alias;
}

/** `idFromName`: with no id column, the id is this column (the DuckDB engine makes it of the name column); kam sql needs an id column. */
export function sqlModelOf(config: Pick<KamConfig, 'criteria' | 'data' | 'missing' | 'tiers'>, header: readonly string[], options: { idFromName?: string } = {}): SqlModel | SqlModelProblem {
  const plan = planColumns(header, config);
  if (plan.conflicts.length > 0) return { kind: 'conflict', field: plan.conflicts[0]!.field, headers: plan.conflicts[0]!.headers };
  // Ids are taken from the id column as they are: kam's slugs of names (pinyin, hashes) are not SQL.
  if (plan.id === undefined && (options.idFromName === undefined || plan.name === undefined)) return { kind: 'no-id-column', header: [...header] };
  const revenue = plan.revenue.map(([year, column]) => ({ year, column: header[column]! }));
  const wallet = plan.wallet !== undefined ? header[plan.wallet] : undefined;
  const taken = new Set(['id', 'name', 'score', 'tier', 'rank', 'missing']);
  const criteria = config.criteria.map((c, i): SqlCriterion => {
    let input: SqlInput;
    const custom = plan.custom[i];
    if (/^(assessment|metrics)\./.test(c.input)) input = custom !== undefined ? { kind: 'column', column: header[custom]! } : { kind: 'none' };
    else if (c.input.startsWith('revenue.')) {
      input = revenue.length === 0 ? { kind: 'none' } : { kind: c.input === 'revenue.latest' ? 'latest' : c.input === 'revenue.total' ? 'total' : 'cagr' };
    } else if (c.input === 'wallet') input = wallet === undefined ? { kind: 'none' } : { kind: 'wallet' };
    else input = wallet === undefined || revenue.length === 0 ? { kind: 'none' } : { kind: 'shareOfWallet' };
    return { id: c.id, alias: aliasOf(c.id, taken), weight: c.weight, input, scale: c.scale };
  });
  const tierTaken = new Set<string>();
  return {
    idColumn: plan.id !== undefined ? header[plan.id]! : options.idFromName!,
    nameColumn: plan.name !== undefined ? header[plan.name] : undefined,
    revenue,
    walletColumn: wallet,
    criteria,
    missing: config.missing,
    tiers: config.tiers.map((t) => ({ id: t.id, min: t.min, alias: aliasOf(t.id, tierTaken) })),
  };
}

export function isSqlModel(m: SqlModel | SqlModelProblem): m is SqlModel {
  return !('kind' in m);
}
