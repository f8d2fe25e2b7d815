// `kam schema plan|config`: the draft-07 JSON Schema for editors.
import { configJsonSchema, planJsonSchema } from '../core/json-schema.js';
import { UsageError } from '../errors.js';
import type { CommandResult } from './common.js';

export function runSchema(kind: string | undefined): CommandResult {
  const which = kind ?? 'plan';
  if (which !== 'plan' && which !== 'config') throw new UsageError(`kam schema: expected "plan" or "config", got "${which}"`);
  const schema = which === 'plan' ? planJsonSchema() : configJsonSchema();
  return { stdout: `${JSON.stringify(schema, null, 2)}\n`, stderr: [], exitCode: 0 };
}
