// `kam score --explain <id>`: how one account's score is made, criterion by criterion.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Scale } from '../../core/config.js';
import type { ScoreReport } from '../../core/score-report.js';
import type { ScoredAccount } from '../../core/scoring.js';
import type { ScoreFormatName } from '../formats.js';
import { csvRows } from '../csv.js';
import { escapeMarkdownCell } from './markdown.js';
import { tierPainter } from './table.js';
import { escapeJson, escapeLines, escapeOutput, escapeText } from '../escape.js';
import { cellText } from '../text.js';
import { i18n } from '../../i18n/index.js';
import { managedTier, overrideView } from '../../core/override.js';
import { overrideExplainLine } from '../override.js';
import { segmentExplainLine } from './segments.js';

export function describeScale(scale: Scale): string {
  switch (scale.type) {
    case 'linear':
    case 'log':
      return `${scale.type} ${scale.min}..${scale.max}`;
    case 'steps':
      return `steps ${scale.steps.map((s) => `≥${s.min}→${s.score}`).join(' ')}`;
    case 'percentile':
      return 'percentile';
  }
}

function rows(account: ScoredAccount, report: ScoreReport) {
  // issue 22: the criteria as the account's segment has them (a segment may replace one by id).
  const criteria = report.segments?.find((s) => s.segment.id === account.segment)?.segment.model.criteria ?? report.config.criteria;
  return account.criteria.map((c) => {
    const criterion = criteria.find((k) => k.id === c.id)!;
    return {
      criterion: c.id,
      input: criterion.input,
      value: c.input,
      scale: describeScale(criterion.scale),
      s: c.score,
      weight: c.weight,
      contribution: c.contribution,
      missing: c.missing,
      // issue 20: how a decayed input was weighed (only with `decay` on the criterion).
      ...(c.decay !== undefined ? { rawValue: c.decay.raw, asOf: c.decay.asOf, age: c.decay.age, halfLifeDays: c.decay.halfLifeDays, factor: c.decay.factor } : {}),
    };
  });
}

/** issue 20: one line per decayed criterion, after a line with the formula; none without decay. */
function decayLines(account: ScoredAccount, asOf: string | undefined): string[] {
  const decayed = account.criteria.filter((c) => c.decay !== undefined);
  if (decayed.length === 0) return [];
  const tr = i18n();
  const out = [tr.t('format.explain.decay.head', { asOf: asOf ?? '' })];
  for (const c of decayed) {
    const d = c.decay!;
    const common = { criterion: c.id, raw: fmt(d.raw), value: fmt(c.input) };
    if (d.asOf === null) out.push(tr.t('format.explain.decay.undated', { criterion: c.id, raw: fmt(d.raw), half: fmt(d.halfLifeDays) }));
    else if (d.future) out.push(tr.t('format.explain.decay.future', { ...common, date: d.asOf, asOf: asOf ?? '' }));
    else out.push(tr.t('format.explain.decay.dated', { ...common, date: d.asOf, age: d.age!, half: fmt(d.halfLifeDays), factor: fmt(d.factor) }));
  }
  return out;
}

export function formatExplain(account: ScoredAccount, report: ScoreReport, format: ScoreFormatName, color: boolean, asOf?: string): string {
  const lines = rows(account, report);
  if (format === 'json') {
    const { latestRevenue: _, override, ...rest } = account;
    // issue 20: with an override, the managed tier and the override as kam score's JSON has them.
    const withOverride = override === undefined ? rest : { ...rest, managedTier: managedTier(account, report.asOf ?? ''), override: overrideView(account, report.asOf ?? '') };
    // issue 22: with segments, the account's segment and what it overrides.
    const segment = report.segments?.find((s) => s.segment.id === account.segment)?.segment;
    const segmentDoc = segment === undefined ? {} : { segment: { id: segment.id, overrides: { weights: { ...segment.overrides.weights }, tiers: { ...segment.overrides.tiers }, criteria: segment.overrides.criteria } } };
    return escapeJson(`${JSON.stringify({ schema: 'kam.explain/v1', account: withOverride, criteria: lines, missingMode: report.config.missing, ...segmentDoc }, null, 2)}\n`);
  }
  if (format === 'csv') {
    return csvRows([
      ['criterion', 'input', 'value', 'scale', 's', 'weight', 'contribution', 'missing'],
      ...lines.map((l) => [l.criterion, l.input, l.value, l.scale, l.s, l.weight, l.contribution, String(l.missing)]),
    ]);
  }
  const tr = i18n();
  const title = (tier: string) => tr.t('format.explain.title', { name: cellText(account.name), id: cellText(account.id), score: account.score.toFixed(1), tier, rank: account.rank, total: report.total });
  const note = tr.t(report.config.missing === 'zero' ? 'format.explain.note.zero' : 'format.explain.note.exclude', {});
  const head = [
    tr.t('format.explain.head.criterion', {}),
    tr.t('format.explain.head.input', {}),
    tr.t('format.explain.head.value', {}),
    tr.t('format.explain.head.scale', {}),
    's',
    tr.t('format.explain.head.weight', {}),
    tr.t('format.explain.head.contribution', {}),
  ];
  const missing = tr.t('format.explain.missing', {});
  // issue 20: the override, managed and computed tier, under the title.
  const overrideLine = overrideExplainLine(account, report.asOf ?? '');
  const segmentLine = segmentExplainLine(report, account.segment);
  if (format === 'markdown') {
    const out = [`## ${escapeMarkdownCell(title(account.tier === null ? '–' : tr.tier(account.tier)))}`, '', ...(segmentLine !== undefined ? [`_${escapeMarkdownCell(segmentLine)}_`, ''] : []), ...(overrideLine !== undefined ? [`_${escapeMarkdownCell(overrideLine)}_`, ''] : []), `| ${head.map(escapeMarkdownCell).join(' | ')} |`, '| :--- | :--- | ---: | :--- | ---: | ---: | ---: |'];
    for (const l of lines) {
      const label = tr.criterion(l.criterion);
      out.push(`| ${label === l.criterion ? escapeText(label) : escapeMarkdownCell(label)} | ${escapeText(l.input)} | ${l.missing ? `_${missing}_` : fmt(l.value)} | ${escapeMarkdownCell(l.scale)} | ${l.s === null ? '–' : l.s.toFixed(3)} | ${l.weight} | ${l.contribution.toFixed(2)} |`);
    }
    out.push('', `_${note}_`);
    const decay = decayLines(account, asOf);
    if (decay.length > 0) out.push('', ...decay.map((l) => `- ${escapeMarkdownCell(l)}`));
    return escapeLines(`${out.join('\n')}\n`);
  }
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const table = new Table({
    head: head.map((h) => chalk.bold(h)),
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'right', 'left', 'right', 'right', 'right'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const l of lines) {
    table.push([cellText(tr.criterion(l.criterion)), cellText(l.input), l.missing ? chalk.yellow(missing) : fmt(l.value), l.scale, l.s === null ? '–' : l.s.toFixed(3), String(l.weight), l.contribution.toFixed(2)]);
  }
  const paint = tierPainter(chalk, report.config.tiers);
  const decay = decayLines(account, asOf).map((l) => `${cellText(l)}\n`).join('');
  const overrideText = overrideLine !== undefined ? `${chalk.yellow(cellText(overrideLine))}\n` : '';
  const segmentText = segmentLine !== undefined ? `${cellText(segmentLine)}\n` : '';
  return escapeOutput(`${chalk.bold(title(paint(account.tier)))}\n${segmentText}${overrideText}${table.toString()}\n${chalk.dim(note)}\n${decay}`, color);
}

function fmt(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
