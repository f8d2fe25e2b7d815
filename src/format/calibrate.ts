// The output of `kam calibrate` (issue 22): a human table, Markdown, or JSON (schema kam.calibrate/v1).
import type { CalibrateFormatName, CalibrateReport } from '../commands/calibrate.js';
import { FIT_DEFAULTS } from '../core/calibrate.js';
import { t } from '../i18n/index.js';
import { boxTable } from './box-table.js';
import { escapeJson, escapeLines, markdownText } from './escape.js';
import { cellText } from './text.js';

export const CALIBRATE_SCHEMA = 'kam.calibrate/v1';

const fixed = (v: number | null, digits = 3) => (v === null ? t('calibrate.none', {}) : v.toFixed(digits));
/** A sum of weights without the float noise of adding decimals (25.1 + 24.9 is 50, not 49.99999999999999). */
const roundSum = (values: readonly number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
const percent = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatCalibration(report: CalibrateReport, format: CalibrateFormatName, writing: boolean): string {
  if (format === 'json') return `${escapeJson(JSON.stringify(calibrationJson(report), null, 2))}\n`;
  return format === 'markdown' ? markdown(report, writing) : table(report, writing);
}

/** The JSON document (kam.calibrate/v1): every number as computed, null where there is none. */
export function calibrationJson(report: CalibrateReport): unknown {
  const r = report.result;
  return {
    schema: CALIBRATE_SCHEMA,
    source: report.source,
    data: report.source === 'data' ? report.file : null,
    outcome: report.outcome,
    from: report.revisions?.from ?? null,
    to: report.revisions?.to ?? null,
    config: report.config,
    missing: report.missing,
    rows: r.rows,
    positives: r.positives,
    negatives: r.negatives,
    rate: r.rate,
    auc: { value: r.auc, low: r.interval.low, high: r.interval.high, level: 0.95, method: 'stratified percentile bootstrap', resamples: report.bootstrap, seed: report.seed },
    lift: r.lift === null ? { tier: report.topTier, accounts: 0, positives: 0, rate: null, lift: null } : { tier: report.topTier, ...r.lift },
    criteria: r.criteria.map((c) => ({ id: c.id, weight: c.weight, suggested: c.suggested, auc: c.auc, rows: c.rows })),
    fit: {
      method: 'logistic regression, non-negative weights, L2, accelerated projected gradient',
      l2: FIT_DEFAULTS.l2,
      intercept: r.fit.intercept,
      coefficients: r.fit.weights,
      iterations: r.fit.iterations,
      converged: r.fit.converged,
    },
    suggested: {
      weights: r.suggested,
      total: roundSum(r.criteria.map((c) => c.weight)),
      auc: r.suggestedAuc,
    },
    crossValidation: r.cv === null ? null : { k: r.cv.k, folds: r.cv.folds, seed: report.seed, stratified: true, suggested: r.cv.suggested, current: r.cv.current },
    notes: report.notes,
  };
}

function summaryLines(report: CalibrateReport): string[] {
  const r = report.result;
  const lines = [
    t('calibrate.rows', { rows: r.rows, positives: r.positives, negatives: r.negatives, rate: percent(r.rate) }),
    t('calibrate.auc', { auc: fixed(r.auc), low: fixed(r.interval.low), high: fixed(r.interval.high), resamples: report.bootstrap, seed: report.seed }),
    r.lift === null
      ? t('calibrate.lift.none', { tier: report.topTier })
      : t('calibrate.lift', { tier: report.topTier, accounts: r.lift.accounts, rate: percent(r.lift.rate), lift: fixed(r.lift.lift, 2) }),
    r.cv === null ? t('calibrate.cv.none', { k: 5 }) : t('calibrate.cv', { k: r.cv.k, seed: report.seed, suggested: fixed(r.cv.suggested), current: fixed(r.cv.current) }),
  ];
  return lines;
}

function rows(report: CalibrateReport): string[][] {
  const r = report.result;
  const body = r.criteria.map((c) => [c.id, fixed(c.auc), String(c.weight), c.suggested === null ? t('calibrate.none', {}) : String(c.suggested)]);
  const total = roundSum(r.criteria.map((c) => c.weight));
  const suggestedTotal = r.suggested === null ? null : roundSum(r.suggested);
  body.push([t('calibrate.total', {}), fixed(r.auc), String(total), suggestedTotal === null ? t('calibrate.none', {}) : `${suggestedTotal} (${fixed(r.suggestedAuc)})`]);
  return body;
}

const heads = () => [t('calibrate.head.criterion', {}), t('calibrate.head.auc', {}), t('calibrate.head.current', {}), t('calibrate.head.suggested', {})];

const titleOf = (report: CalibrateReport) =>
  report.revisions !== undefined
    ? t('calibrate.title.git', { config: report.config, from: report.revisions.from, to: report.revisions.to })
    : t('calibrate.title', { config: report.config, file: report.file, outcome: report.outcome });

function table(report: CalibrateReport, writing: boolean): string {
  const title = titleOf(report);
  const grid = boxTable(heads(), rows(report).map((row) => row.map(cellText)), ['left', 'right', 'right', 'right']);
  const fit = t('calibrate.fit', { l2: FIT_DEFAULTS.l2, iterations: report.result.fit.iterations });
  const out = [title, '', ...summaryLines(report), '', grid.trimEnd(), fit, ...(writing ? [] : [t('calibrate.not-written', {})])];
  return escapeLines(`${out.join('\n')}\n`);
}

function markdown(report: CalibrateReport, writing: boolean): string {
  const title = `## ${markdownText(titleOf(report))}`;
  const list = summaryLines(report).map((line) => `- ${markdownText(line)}`);
  const head = heads().map(markdownText);
  const grid = [`| ${head.join(' | ')} |`, '| --- | ---: | ---: | ---: |', ...rows(report).map((row) => `| ${row.map(markdownText).join(' | ')} |`)];
  const fit = markdownText(t('calibrate.fit', { l2: FIT_DEFAULTS.l2, iterations: report.result.fit.iterations }));
  const out = [title, '', ...list, '', ...grid, '', fit, ...(writing ? [] : ['', markdownText(t('calibrate.not-written', {}))])];
  return `${out.join('\n')}\n`;
}
