// `kam gaps --format markdown`: for a wiki page or a PR comment; links nothing.
import type { GapsReport } from '../../core/gaps-report.js';
import type { Finding } from '../../core/findings.js';
import { i18n } from '../../i18n/index.js';
import { escapeLines, escapeText } from '../escape.js';
import { escapeMarkdownCell } from '../score/markdown.js';
import { count as number } from '../score/shared.js';
import { tierWithOverride } from '../override.js';

const bullet = (f: Finding) =>
  `- ${f.severity === 'error' ? '⛔' : '⚠️'} **${f.rule}** ${escapeMarkdownCell(f.message)} <sub>${escapeMarkdownCell(`${f.file}:${f.line}`)}</sub>`;

export function formatGapsMarkdown(report: GapsReport): string {
  const tr = i18n();
  const out = [`## ${tr.t('format.gaps.title', { asOf: report.asOf })}`, ''];
  for (const group of report.tiers) {
    out.push(`### ${group.tier === null ? tr.t('format.gaps.md.no-tier', {}) : escapeMarkdownCell(tr.tier(group.tier))}`, '');
    for (const { account, findings } of group.accounts) {
      const status = findings.length === 0 ? tr.t('format.gaps.md.nothing-due', {}) : tr.t('format.gaps.md.todos', { n: number(findings.length) });
      // issue 20: an override's note (the computed tier) after the name.
      const note = tierWithOverride(account, report.asOf).note;
      out.push(tr.t('format.gaps.md.account', { name: escapeMarkdownCell(account.name) + (note !== '' ? escapeMarkdownCell(note) : ''), id: escapeText(account.id), score: account.score.toFixed(1), status }));
      if (findings.length > 0) {
        out.push('');
        for (const f of findings) out.push(bullet(f));
      }
      out.push('');
    }
  }
  // Loops, not out.push(...list): spreading 100,000s of items into arguments overflows the stack.
  const section = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    out.push(title, '');
    for (const f of list) out.push(bullet(f));
    out.push('');
  };
  section(`### ${tr.t('format.gaps.portfolio', {})}`, report.portfolio);
  section(`### ${tr.t('format.gaps.md.unreadable', {})}`, report.unreadable);
  let errors = 0;
  for (const f of report.findings) if (f.severity === 'error') errors++;
  out.push(tr.t('format.gaps.md.total', { todos: number(report.findings.length), errors: number(errors), warnings: number(report.findings.length - errors) }));
  return escapeLines(`${out.join('\n')}\n`);
}
