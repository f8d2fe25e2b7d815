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
  return account.criteria.map((c) => {
    const criterion = report.config.criteria.find((k) => k.id === c.id)!;
    return {
      criterion: c.id,
      input: criterion.input,
      value: c.input,
      scale: describeScale(criterion.scale),
      s: c.score,
      weight: c.weight,
      contribution: c.contribution,
      missing: c.missing,
    };
  });
}

export function formatExplain(account: ScoredAccount, report: ScoreReport, format: ScoreFormatName, color: boolean): string {
  const lines = rows(account, report);
  if (format === 'json') {
    const { latestRevenue: _, ...rest } = account;
    return escapeJson(`${JSON.stringify({ schema: 'kam.explain/v1', account: rest, criteria: lines, missingMode: report.config.missing }, null, 2)}\n`);
  }
  if (format === 'csv') {
    return csvRows([
      ['criterion', 'input', 'value', 'scale', 's', 'weight', 'contribution', 'missing'],
      ...lines.map((l) => [l.criterion, l.input, l.value, l.scale, l.s, l.weight, l.contribution, String(l.missing)]),
    ]);
  }
  const title = (tier: string) => `${cellText(account.name)} (${cellText(account.id)}): score ${account.score.toFixed(1)}, tier ${tier}, rank ${account.rank} of ${report.total}`;
  const note = `missing: ${report.config.missing} — ${report.config.missing === 'zero' ? 'a missing input counts as s = 0' : 'a missing input leaves both sums'}; contribution = 100·w·s / Σw`;
  if (format === 'markdown') {
    const out = [`## ${escapeMarkdownCell(title(account.tier ?? '–'))}`, '', '| criterion | input | value | scale | s | weight | contribution |', '| :--- | :--- | ---: | :--- | ---: | ---: | ---: |'];
    for (const l of lines) {
      out.push(`| ${escapeText(l.criterion)} | ${escapeText(l.input)} | ${l.missing ? '_missing_' : fmt(l.value)} | ${escapeMarkdownCell(l.scale)} | ${l.s === null ? '–' : l.s.toFixed(3)} | ${l.weight} | ${l.contribution.toFixed(2)} |`);
    }
    out.push('', `_${note}_`);
    return escapeLines(`${out.join('\n')}\n`);
  }
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const table = new Table({
    head: ['criterion', 'input', 'value', 'scale', 's', 'weight', 'contribution'].map((h) => chalk.bold(h)),
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'right', 'left', 'right', 'right', 'right'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const l of lines) {
    table.push([cellText(l.criterion), cellText(l.input), l.missing ? chalk.yellow('missing') : fmt(l.value), l.scale, l.s === null ? '–' : l.s.toFixed(3), String(l.weight), l.contribution.toFixed(2)]);
  }
  const paint = tierPainter(chalk, report.config.tiers);
  return escapeOutput(`${chalk.bold(title(paint(account.tier)))}\n${table.toString()}\n${chalk.dim(note)}\n`, color);
}

function fmt(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
