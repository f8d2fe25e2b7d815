// kam.yaml: bytes → validated config with defaults, or located problems (every problem of the
// file at once: the schema's and those across keys, in the order of the file).
import { configShape, crossFieldProblems, segmentWarnings, type KamConfig } from './config.js';
import type { Position } from './findings.js';
import type { Message } from '../i18n/index.js';
import { configJsonSchema } from './json-schema.js';
import { validateShape } from './validate.js';
import { createLocator, decodeYamlBytes, parseYamlValue } from './yaml-source.js';

export interface ConfigProblem extends Position {
  /** In English. */
  message: string;
  /** The message as data (src/i18n/en/validation.ts): render it in the locale of the run for people. */
  text: Message;
}

/** `warnings` (issue 22: segments that can never match): the file is valid, and people are told. */
export type ConfigResult = { ok: true; config: KamConfig; warnings?: ConfigProblem[] } | { ok: false; problems: ConfigProblem[] };

export function parseConfig(bytes: Uint8Array): ConfigResult {
  const decoded = decodeYamlBytes(bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  const parsed = parseYamlValue(decoded.text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const value = parsed.value ?? {};
  const shape = validateShape(configShape, value, configJsonSchema);
  const cross = crossFieldProblems(value);
  // In kam.yaml an unknown key is an error: a misspelt policy must not be silently ignored.
  if (shape.value && shape.problems.length === 0 && cross.length === 0) {
    if (shape.value.segments === undefined) return { ok: true, config: shape.value };
    const warnings = segmentWarnings(shape.value);
    if (warnings.length === 0) return { ok: true, config: shape.value };
    const at = createLocator(decoded.text);
    return { ok: true, config: shape.value, warnings: warnings.map((p) => ({ ...at(p.path, p.on), message: p.message, text: p.text })) };
  }
  const locate = createLocator(decoded.text);
  const problems = [...shape.problems, ...cross].map((p) => ({ ...locate(p.path, p.on), message: p.message, text: p.text }));
  return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}
