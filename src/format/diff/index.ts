// kam diff as text: a terminal table, Markdown for a PR comment, and kam.diff/v1 JSON.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { diffHeadline, type AccountChange, type CriterionMove, type DiffResult, type ScoreTier } from '../../core/diff.js';
import type { OverrideView } from '../../core/override.js';
import { overrideNote } from '../override.js';
import type { Finding } from '../../core/findings.js';
import { escapeMarkdownCell } from '../score/markdown.js';
import { oneDecimal } from '../score/shared.js';
import { escapeJson, escapeLines, escapeOutput } from '../escape.js';
import { i18n } from '../../i18n/index.js';
import { cellText, findingText } from '../text.js';

export const DIFF_FORMATTERS = {
  table: (result: DiffResult, options: { color: boolean }) => formatDiffTable(result, options.color),
  json: (result: DiffResult) => formatDiffJson(result),
  markdown: (result: DiffResult) => formatDiffMarkdown(result),
} satisfies Record<import('../formats.js').DiffFormatName, (result: DiffResult, options: { color: boolean }) => string>;

function short(label: string): string {
  return /^[0-9a-f]{40,64}$/.test(label) ? label.slice(0, 10) : label;
}

function side(value: ScoreTier | null, override?: OverrideView | null): string {
  if (value === null) return '–';
  // issue 20: with an override, the managed tier first and the computed one in the note.
  const tier = override ? (override.expired ? value.tier : override.tier) : value.tier;
  const note = override ? overrideNote(value.tier, override) : '';
  return `${oneDecimal(value.score)} ${tier === null ? '–' : cellText(i18n().tier(tier))}${cellText(note)}`;
}

/** "override none → strategic (by Sales VP until 2027-06-30)" (issue 20). */
function overrideReason(account: AccountChange): string | undefined {
  if (!account.overrideChanged) return undefined;
  const tr = i18n();
  const text = (v: OverrideView | null) => {
    if (v === null) return tr.t('override.diff.none', {});
    if (v.expired) return tr.t('override.diff.value.expired', { tier: v.tier, by: v.by, until: v.until! });
    return tr.t('override.diff.value', { tier: v.tier, by: v.by, until: v.until !== null ? tr.t('override.explain.until', { until: v.until }) : '' });
  };
  return tr.t('override.diff.reason', { before: text(account.override!.before), after: text(account.override!.after) });
}

function number(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function signed(value: number): string {
  const rounded = oneDecimal(Math.abs(value));
  return `${value < 0 ? '−' : '+'}${rounded}`;
}

/** "techProspects 4 → 1 (−12.0)": the input's move and what it did to the score. */
export function criterionReason(move: CriterionMove): string {
  const delta = move.contribution.after - move.contribution.before;
  const input = move.input.before === move.input.after ? '' : ` ${number(move.input.before)} → ${number(move.input.after)}`;
  return i18n().t('format.diff.reason.criterion', { criterion: i18n().criterion(move.id), input, delta: signed(delta) });
}

export function reasonOf(account: AccountChange, configChanged: boolean): string {
  const tr = i18n();
  if (account.change === 'added') return tr.t('format.diff.reason.added', {});
  if (account.change === 'removed') return tr.t('format.diff.reason.removed', {});
  const reasons = account.criteria.map(criterionReason);
  const override = overrideReason(account);
  if (override !== undefined) reasons.push(override);
  if (configChanged) reasons.push(tr.t('format.diff.reason.config', {}));
  return reasons.join(tr.t('format.diff.reason.separator', {})) || tr.t('format.diff.reason.rounding', {});
}

function changeText(change: AccountChange['change']): string {
  const tr = i18n();
  return change === 'added' ? tr.t('format.diff.change.added', {}) : change === 'removed' ? tr.t('format.diff.change.removed', {}) : tr.t('format.diff.change.changed', {});
}

function findingLine(f: Finding): string {
  const severity = i18n().t(f.severity === 'error' ? 'format.severity.error' : 'format.severity.warn', {});
  return `${cellText(f.file)}:${f.line}:${f.column}  ${severity}  ${f.rule}  ${cellText(findingText(f))}`;
}

export function formatDiffTable(result: DiffResult, color: boolean): string {
  const tr = i18n();
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const out = [`${chalk.bold(`kam diff ${cellText(short(result.base))}..${cellText(short(result.head))}`)}: ${cellText(diffHeadline(result))}`];
  if (result.configChanged) out.push(chalk.yellow(tr.t('format.diff.config-changed', {})));
  if (result.accounts.length > 0) {
    const table = new Table({
      head: [tr.t('format.diff.head.account', {}), tr.t('format.diff.head.change', {}), tr.t('format.diff.head.before', {}), tr.t('format.diff.head.after', {}), tr.t('format.diff.head.why', {})].map((h) => chalk.bold(h)),
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const a of result.accounts) {
      const tierMoved = (a.before?.tier ?? null) !== (a.after?.tier ?? null);
      table.push([cellText(a.name === a.id ? a.id : tr.t('format.name-id', { name: a.name, id: a.id })), changeText(a.change), side(a.before, a.override?.before), tierMoved ? chalk.bold(side(a.after, a.override?.after)) : side(a.after, a.override?.after), cellText(reasonOf(a, result.configChanged))]);
    }
    out.push(table.toString());
  }
  const { opened, closed } = result.findings;
  out.push(tr.t('format.diff.findings', { opened: opened.length, closed: closed.length }));
  for (const f of opened) out.push(chalk.red(`  + ${findingLine(f)}`));
  for (const f of closed) out.push(chalk.green(`  - ${findingLine(f)}`));
  return escapeOutput(`${out.join('\n')}\n`, color);
}

export function formatDiffMarkdown(result: DiffResult): string {
  const tr = i18n();
  const lines = [`### kam: ${diffHeadline(result)}`, ''];
  lines.push(`${tr.t('format.diff.md.comparing', { base: short(result.base), head: short(result.head) })}${result.configChanged ? tr.t('format.diff.md.config-changed', {}) : ''}`, '');
  if (result.accounts.length > 0) {
    const head = [tr.t('format.diff.head.account', {}), tr.t('format.diff.head.change', {}), tr.t('format.diff.head.before', {}), tr.t('format.diff.head.after', {}), tr.t('format.diff.head.why', {})];
    lines.push(`| ${head.map(escapeMarkdownCell).join(' | ')} |`, '| :--- | :--- | ---: | ---: | :--- |');
    for (const a of result.accounts) {
      const tierMoved = (a.before?.tier ?? null) !== (a.after?.tier ?? null);
      const after = escapeMarkdownCell(side(a.after, a.override?.after));
      lines.push(`| ${escapeMarkdownCell(a.name)} | ${changeText(a.change)} | ${escapeMarkdownCell(side(a.before, a.override?.before))} | ${tierMoved ? `**${after}**` : after} | ${escapeMarkdownCell(reasonOf(a, result.configChanged))} |`);
    }
    lines.push('');
  }
  const { opened, closed } = result.findings;
  lines.push(tr.t('format.diff.md.findings', { opened: opened.length, closed: closed.length }));
  if (opened.length + closed.length > 0) lines.push('');
  const item = (id: 'format.diff.md.opened' | 'format.diff.md.closed', f: Finding) =>
    tr.t(id, { where: escapeMarkdownCell(`${f.file}:${f.line}`), rule: f.rule, message: escapeMarkdownCell(findingText(f)) });
  for (const f of opened) lines.push(item('format.diff.md.opened', f));
  for (const f of closed) lines.push(item('format.diff.md.closed', f));
  return escapeLines(`${lines.join('\n')}\n`);
}

function findingItem(f: Finding) {
  return { rule: f.rule, severity: f.severity, ...(f.account !== undefined ? { account: f.account } : {}), file: f.file, line: f.line, column: f.column, message: f.message };
}

/** kam.diff/v1 (SPEC 6); `name`, `criteria` and `configChanged` are additions the SPEC allows. */
export function formatDiffJson(result: DiffResult): string {
  const document = {
    schema: 'kam.diff/v1',
    base: result.base,
    head: result.head,
    configChanged: result.configChanged,
    accounts: result.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      change: a.change,
      before: a.before,
      after: a.after,
      criteria: a.criteria,
      // issue 20: only for an account with a tier override on either side.
      ...(a.override !== undefined ? { override: a.override } : {}),
    })),
    findings: { opened: result.findings.opened.map(findingItem), closed: result.findings.closed.map(findingItem) },
  };
  return escapeJson(`${JSON.stringify(document, null, 2)}\n`);
}
