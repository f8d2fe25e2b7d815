// `kam history [id]`: score and tier per commit that changed plans or kam.yaml, oldest first.
import { HISTORY_FORMATTERS } from '../format/history.js';
import type { HistoryFormatName } from '../format/formats.js';
import { msg, t } from '../i18n/index.js';
import { openHistory, type HistoryPoint } from '../io/history.js';
import { progressBar } from '../io/progress.js';
import { InputError } from '../errors.js';
import { useConfigLocale, type CommandContext, type CommandResult } from './common.js';

export interface HistoryOptions {
  id?: string;
  format: HistoryFormatName;
  ref?: string;
}

export async function runHistory(ctx: CommandContext, options: HistoryOptions): Promise<CommandResult> {
  const at = { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}) };
  const reader = openHistory(at, options.ref ?? 'HEAD');
  await useConfigLocale(ctx, reader.config);
  const history = reader.read((commits) => progressBar(`kam: ${t('cli.history.progress', {})}`, commits >= 50 ? commits : 0));
  let points = history.points;
  if (options.id !== undefined) {
    points = onlyAccount(points, options.id);
    if (points.length === 0) throw new InputError(msg('cli.history.no-account', { id: options.id }));
  }
  const stdout = HISTORY_FORMATTERS[options.format]({ points, names: history.names, id: options.id }, { color: ctx.color && options.format === 'table' });
  return { stdout, stderr: history.notes, exitCode: 0 };
}

/** The commits where one account appears with a new score or tier (or the model changed), and where it is removed. */
export function onlyAccount(points: readonly HistoryPoint[], id: string): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  let last: string | undefined; // the account's score|tier at the previous point; undefined while absent
  for (const point of points) {
    const account = point.accounts[id];
    if (account === undefined) {
      if (last !== undefined) out.push({ ...point, accounts: {} });
      last = undefined;
      continue;
    }
    // issue 20: an override that changes (added, removed, expired) is a point too.
    const key = `${account.score}|${account.tier}|${account.override === undefined ? '' : `${account.managedTier}|${JSON.stringify(account.override)}`}`;
    if (key !== last || point.configChanged) out.push({ ...point, accounts: { [id]: account } });
    last = key;
  }
  return out;
}
