// `kam schema plan|config`: the draft-07 JSON Schema for editors. Inside a workspace it is the
// workspace's own: the tier ids of its kam.yaml complete `tier:` in plans (and the keys of the
// per-tier policies in kam.yaml), its criteria's inputs complete the keys of `assessment` and
// `metrics`. Outside one, the defaults (what the committed schemas/ hold).
import { configJsonSchema, planJsonSchema } from '../core/json-schema.js';
import { ConfigError, UsageError } from '../errors.js';
import { openWorkspace } from '../io/workspace.js';
import { msg, t } from '../i18n/index.js';
import { useConfigLocale, type CommandContext, type CommandResult } from './common.js';

export async function runSchema(kind: string | undefined, ctx?: CommandContext): Promise<CommandResult> {
  const which = kind ?? 'plan';
  if (ctx) await useConfigLocale(ctx, undefined);
  if (which !== 'plan' && which !== 'config') throw new UsageError(msg('cli.schema.kind', { kind: which }));
  const where = ctx ? { cwd: ctx.cwd, ...(ctx.config !== undefined ? { config: ctx.config } : {}), optional: true } : undefined;
  const stderr: string[] = [];
  let schema;
  if (which === 'plan') {
    // A plan schema from a kam.yaml that does not load would propose the wrong tiers: exit 2.
    const ws = where ? openWorkspace(where) : undefined;
    if (ctx && ws?.configFile !== undefined) await useConfigLocale(ctx, ws.config);
    schema = planJsonSchema(ws?.configFile !== undefined ? ws.config : undefined);
  } else {
    // The config schema is how one fixes a broken kam.yaml: it never needs a valid one.
    let ws;
    try {
      ws = where ? openWorkspace(where) : undefined;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      stderr.push(`kam: ${t('cli.schema.broken-config', {})}`);
    }
    if (ctx && ws?.configFile !== undefined) await useConfigLocale(ctx, ws.config);
    schema = configJsonSchema(ws?.configFile !== undefined ? ws.config : undefined);
  }
  return { stdout: `${JSON.stringify(schema, null, 2)}\n`, stderr, exitCode: 0 };
}
