// Draft-07 JSON Schemas (input side) of the plan and the config, generated from the zod schemas.
import * as z from 'zod';
import { configSchema } from './config.js';
import { planSchema } from './plan.js';
import type { JsonSchema } from './validate.js';

let planCache: JsonSchema | undefined;
let configCache: JsonSchema | undefined;

export function planJsonSchema(): JsonSchema {
  planCache ??= withId(z.toJSONSchema(planSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema, 'plan');
  return planCache;
}

export function configJsonSchema(): JsonSchema {
  configCache ??= withId(z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema, 'config');
  return configCache;
}

function withId(schema: JsonSchema, kind: 'plan' | 'config'): JsonSchema {
  const title = kind === 'plan' ? 'kam account plan' : 'kam workspace config (kam.yaml)';
  return { ...schema, $id: `https://kam.dev/schemas/${kind}.schema.json`, title };
}
