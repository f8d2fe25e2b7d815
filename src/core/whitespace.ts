// `kam whitespace`: the product × account matrix of the plans' `whitespace` entries, product
// penetration, share against target, and the cross-sell openings (issue 19). Pure: no I/O.
//
// Definitions (README, "kam whitespace"):
// - The portfolio's products: every distinct `whitespace[].product` of the accounts scored.
// - A cell (account × product) aggregates the account's entries of that product (one per
//   business unit, or one without `unit` for the account as a whole): its status is `installed`
//   when any entry is installed, else `opportunity` when any is, else `competitor`, else `none`;
//   `unknown` when the plan has no entry for the product. Each entry is kept (units).
// - Key tiers: every tier of kam.yaml but the lowest. Penetration of a product: the accounts
//   whose cell is `installed`, over the accounts (all, or of the key tiers), in the whole
//   portfolio (filters choose what is shown, never what is counted).
// - Share: objectives with `product` and `target` in 0..1 give the target, the metric
//   `metrics.share.<product>` (a number 0..1) the actual.
// - Cross-sell openings: every cell that has an `opportunity` entry, weighted by the account's
//   score (weight = score × 1), highest first, ties by account id, then product.
import type { Plan } from './plan.js';
import type { ScoredAccount, ScoringSubject } from './scoring.js';

export type EntryStatus = 'installed' | 'opportunity' | 'competitor' | 'none';
export type CellStatus = EntryStatus | 'unknown';

/** What the matrix needs of one plan, as plain data (it crosses worker threads). */
export interface WhitespaceFacts {
  entries: { product: string; unit?: string; status: EntryStatus }[];
  /** Objectives with a product and a share target 0..1. */
  targets: { product: string; target: number }[];
}

/** The metric that holds an account's actual share of a product: `metrics.share.<product>`. */
export const SHARE_METRIC_PREFIX = 'share.';

export function whitespaceFacts(plan: Plan): WhitespaceFacts {
  const entries: WhitespaceFacts['entries'] = [];
  for (const w of plan.whitespace ?? []) {
    const entry: WhitespaceFacts['entries'][number] = { product: w.product, status: w.status };
    if (w.unit !== undefined) entry.unit = w.unit;
    entries.push(entry);
  }
  const targets: WhitespaceFacts['targets'] = [];
  for (const o of plan.objectives ?? []) {
    if (o.product !== undefined && o.target !== undefined && o.target >= 0 && o.target <= 1) targets.push({ product: o.product, target: o.target });
  }
  return { entries, targets };
}

export interface CellUnit {
  /** null: the entry names no unit (the account as a whole). */
  unit: string | null;
  status: EntryStatus;
}

export interface WhitespaceCell {
  product: string;
  status: CellStatus;
  units: CellUnit[];
  /** Entries per status. */
  counts: Record<EntryStatus, number>;
}

export interface ShareLine {
  product: string;
  /** null: no objective gives a target. */
  target: number | null;
  /** null: no `metrics.share.<product>` (or not a share 0..1). */
  actual: number | null;
}

export interface WhitespaceRow {
  account: ScoredAccount;
  key: boolean;
  /** One per column shown, in column order. */
  cells: WhitespaceCell[];
  /** Products installed, of the portfolio's products. */
  installed: number;
  shares: ShareLine[];
}

export interface ProductColumn {
  product: string;
  /** Accounts with the product installed, and penetration over all accounts. */
  installed: number;
  penetration: number | null;
  keyInstalled: number;
  keyPenetration: number | null;
  /** Accounts whose cell is an opportunity / held by a competitor. */
  opportunity: number;
  competitor: number;
}

export interface WhitespaceOpening {
  account: ScoredAccount;
  product: string;
  /** The units marked `opportunity` (null: the account as a whole). */
  units: (string | null)[];
  weight: number;
}

export interface WhitespaceReport {
  keyTiers: string[];
  /** All accounts scored, and those of the key tiers. */
  accounts: number;
  keyAccounts: number;
  /** The portfolio's products (before --product). */
  productCount: number;
  /** Columns shown, sorted by penetration (all accounts) descending, then name. */
  columns: ProductColumn[];
  /** Rows shown, by rank. */
  rows: WhitespaceRow[];
  openings: WhitespaceOpening[];
  /** Share metrics that are not a share 0..1 (ignored): for a note. */
  badShares: { account: string; metric: string; value: number }[];
}

export interface WhitespaceFilter {
  products?: readonly string[];
  tiers?: readonly string[];
}

export interface WhitespaceInput {
  account: ScoredAccount;
  subject: ScoringSubject;
  facts: WhitespaceFacts;
}

const STATUS_ORDER: readonly EntryStatus[] = ['installed', 'opportunity', 'competitor', 'none'];

function cellOf(product: string, units: CellUnit[]): WhitespaceCell {
  const counts: Record<EntryStatus, number> = { installed: 0, opportunity: 0, competitor: 0, none: 0 };
  for (const u of units) counts[u.status]++;
  const status: CellStatus = units.length === 0 ? 'unknown' : STATUS_ORDER.find((s) => counts[s] > 0)!;
  return { product, status, units, counts };
}

/** The key tiers: every tier but the lowest (config order is highest first). */
export function keyTiersOf(tiers: readonly { id: string }[]): string[] {
  return tiers.slice(0, -1).map((t) => t.id);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `inputs`: the accounts scored, any order. */
export function buildWhitespaceReport(inputs: readonly WhitespaceInput[], tiers: readonly { id: string }[], filter: WhitespaceFilter = {}): WhitespaceReport {
  const keyTiers = keyTiersOf(tiers);
  const keySet = new Set(keyTiers);
  const ranked = [...inputs].sort((a, b) => a.account.rank - b.account.rank || compareText(a.account.id, b.account.id));

  // Per account: its cells, by product (a Map: product names are data, never object keys).
  const cellsOf = ranked.map((input) => {
    const units = new Map<string, CellUnit[]>();
    for (const e of input.facts.entries) {
      const list = units.get(e.product);
      const unit: CellUnit = { unit: e.unit ?? null, status: e.status };
      if (list) list.push(unit);
      else units.set(e.product, [unit]);
    }
    const cells = new Map<string, WhitespaceCell>();
    for (const [product, list] of units) cells.set(product, cellOf(product, list));
    return cells;
  });

  const stats = new Map<string, { installed: number; keyInstalled: number; opportunity: number; competitor: number }>();
  let keyAccounts = 0;
  const installedOf: number[] = new Array(ranked.length);
  ranked.forEach((input, i) => {
    const key = input.account.tier !== null && keySet.has(input.account.tier);
    if (key) keyAccounts++;
    let installed = 0;
    for (const [product, cell] of cellsOf[i]!) {
      let s = stats.get(product);
      if (!s) stats.set(product, (s = { installed: 0, keyInstalled: 0, opportunity: 0, competitor: 0 }));
      if (cell.status === 'installed') {
        installed++;
        s.installed++;
        if (key) s.keyInstalled++;
      } else if (cell.status === 'opportunity') s.opportunity++;
      else if (cell.status === 'competitor') s.competitor++;
    }
    installedOf[i] = installed;
  });
  const total = ranked.length;
  const share = (n: number, of: number) => (of === 0 ? null : n / of);
  const allColumns: ProductColumn[] = [...stats].map(([product, s]) => ({
    product,
    installed: s.installed,
    penetration: share(s.installed, total),
    keyInstalled: s.keyInstalled,
    keyPenetration: share(s.keyInstalled, keyAccounts),
    opportunity: s.opportunity,
    competitor: s.competitor,
  }));
  allColumns.sort((a, b) => b.installed - a.installed || compareText(a.product, b.product));
  const wantedProducts = filter.products && filter.products.length > 0 ? new Set(filter.products) : undefined;
  const columns = wantedProducts ? allColumns.filter((c) => wantedProducts.has(c.product)) : allColumns;
  // The cell of a product an account has no entry for: one shared (read-only) object per column.
  const unknown = columns.map((c) => cellOf(c.product, []));
  const wantedTiers = filter.tiers && filter.tiers.length > 0 ? new Set(filter.tiers) : undefined;

  const rows: WhitespaceRow[] = [];
  const openings: WhitespaceOpening[] = [];
  const badShares: WhitespaceReport['badShares'] = [];
  ranked.forEach((input, i) => {
    const { account, subject, facts } = input;
    const actuals = new Map<string, number>();
    for (const metric of Object.keys(subject.metrics)) {
      if (!metric.startsWith(SHARE_METRIC_PREFIX)) continue;
      const value = subject.metrics[metric]!;
      if (value >= 0 && value <= 1) actuals.set(metric.slice(SHARE_METRIC_PREFIX.length), value);
      else badShares.push({ account: account.id, metric: `metrics.${metric}`, value });
    }
    if (wantedTiers && (account.tier === null || !wantedTiers.has(account.tier))) return;
    const own = cellsOf[i]!;
    const installed = installedOf[i]!;
    const cells = columns.map((c, k) => own.get(c.product) ?? unknown[k]!);
    for (const cell of cells) {
      if (cell.counts.opportunity === 0) continue;
      openings.push({ account, product: cell.product, units: cell.units.filter((u) => u.status === 'opportunity').map((u) => u.unit), weight: account.score * 1 });
    }
    // Shares: each product with a target or an actual, the first target an objective gives.
    const targets = new Map<string, number>();
    for (const t of facts.targets) if (!targets.has(t.product)) targets.set(t.product, t.target);
    const shares: ShareLine[] = [];
    if (targets.size > 0 || actuals.size > 0) {
      const shareProducts = Array.from(targets.keys());
      for (const p of actuals.keys()) if (!targets.has(p)) shareProducts.push(p);
      shareProducts.sort(compareText);
      for (const product of shareProducts) {
        if (wantedProducts && !wantedProducts.has(product)) continue;
        shares.push({ product, target: targets.get(product) ?? null, actual: actuals.get(product) ?? null });
      }
    }
    rows.push({ account, key: account.tier !== null && keySet.has(account.tier), cells, installed, shares });
  });
  openings.sort((a, b) => b.weight - a.weight || compareText(a.account.id, b.account.id) || compareText(a.product, b.product));
  return { keyTiers, accounts: total, keyAccounts, productCount: allColumns.length, columns, rows, openings, badShares };
}

/** The `kam.whitespace/v1` document (unrounded numbers). */
export function whitespaceDocument(report: WhitespaceReport) {
  return {
    schema: 'kam.whitespace/v1' as const,
    keyTiers: report.keyTiers,
    products: report.columns.map((c) => ({ ...c })),
    accounts: report.rows.map((r) => ({
      id: r.account.id,
      name: r.account.name,
      rank: r.account.rank,
      score: r.account.score,
      tier: r.account.tier,
      key: r.key,
      installed: r.installed,
      products: report.productCount,
      cells: r.cells.map((c) => ({ product: c.product, status: c.status, units: c.units })),
      shares: r.shares.map((s) => ({ ...s, gap: s.target !== null && s.actual !== null ? s.target - s.actual : null })),
    })),
    openings: report.openings.map((o) => ({ account: o.account.id, name: o.account.name, tier: o.account.tier, score: o.account.score, product: o.product, units: o.units, weight: o.weight })),
    summary: { accounts: report.accounts, keyAccounts: report.keyAccounts, products: report.productCount, shown: { accounts: report.rows.length, products: report.columns.length } },
  };
}
