// Issue 19 in the human score formats: the archetype column, the --emerging note, and the
// --resources columns and lines (table and markdown share these texts).
import type { ScoreReport } from '../../core/score-report.js';
import type { ResourceFigures, TierResources } from '../../core/resources.js';
import type { ScoredAccount } from '../../core/scoring.js';
import { en } from '../../i18n/en/index.js';
import { i18n, type MessageId } from '../../i18n/index.js';
import { count, percent } from './shared.js';

/** An archetype name for people: the catalog's name of a built-in one, else the name as written. */
export function archetypeText(name: string): string {
  const id = `method.archetype.${name}`;
  return Object.hasOwn(en, id) ? i18n().t(id as MessageId & `method.archetype.${string}`) : name;
}

export function archetypeCell(report: ScoreReport, account: ScoredAccount): string {
  const a = report.method?.archetype(account) ?? null;
  return a === null ? '–' : archetypeText(a.name);
}

/** An amount without decimals, grouped as the locale writes it (12,345,678). */
export function amount(v: number): string {
  return i18n().number(Math.round(v), { maximumFractionDigits: 0 });
}

export function fteText(v: number): string {
  return i18n().number(v, { maximumFractionDigits: 2 });
}

/** Revenue per FTE; '–' when the FTE is 0 (never Infinity or NaN). */
export function perFteText(v: number | null): string {
  return v === null ? '–' : amount(v);
}

const shareText = (v: number | null) => (v === null ? '–' : percent(v));

/** The --resources cells of an account: FTE, revenue per FTE. */
export function resourceCells(report: ScoreReport, account: ScoredAccount): [string, string] {
  const r: ResourceFigures | undefined = report.method?.resources(account);
  return r === undefined ? ['–', '–'] : [fteText(r.fte), perFteText(r.revenuePerFte)];
}

/** The `Pre-key accounts: …` line of --emerging. */
export function emergingNote(report: ScoreReport): string | undefined {
  const e = report.emerging;
  if (e === undefined) return undefined;
  const tr = i18n();
  const criteria = e.criteria.map((c) => tr.criterion(c)).join(tr.t('method.emerging.criteria-separator'));
  return tr.t('method.emerging.note', { below: e.below, threshold: count(e.threshold), criteria, n: count(e.accounts), total: count(report.total) });
}

export interface ResourceLine {
  label: string;
  text: string;
}

/** One line per tier, one for the accounts without a tier (when there are some) and the total. */
export function resourceLines(report: ScoreReport): ResourceLine[] {
  const m = report.method;
  if (m === undefined) return [];
  const tr = i18n();
  const line = (r: TierResources) => tr.t('method.resources.line', {
    accounts: r.accounts,
    fte: fteText(r.fte),
    fteShare: shareText(r.fteShare),
    revenue: amount(r.revenue),
    revenueShare: shareText(r.revenueShare),
    perFte: perFteText(r.revenuePerFte),
  });
  const lines = report.config.tiers.map((t) => ({ label: tr.tier(t.id), text: line(m.portfolio.tiers[t.id]!) }));
  if (m.portfolio.noTier.accounts > 0) lines.push({ label: tr.t('method.resources.no-tier'), text: line(m.portfolio.noTier) });
  lines.push({ label: tr.t('method.resources.total'), text: line(m.portfolio.total) });
  return lines;
}
