// One plan file: bytes → text → value → validated plan, with every problem as an Issue.
import type { Issue } from './findings.js';
import { msg } from '../i18n/index.js';
import { planJsonSchema } from './json-schema.js';
import { overflowingSums, planSchema, unknownReportsTo, type Plan } from './plan.js';
import { findSuppressions, type FileSuppressions } from './suppressions.js';
import { validateShape } from './validate.js';
import { createLocator, decodeYamlBytes, parseYamlValue, type Locator } from './yaml-source.js';

export interface PlanFile {
  /** Relative to the workspace root, with `/`. */
  file: string;
  /** A new locator of this file (a YAML path → line and column); callers drop it when done. */
  locator: () => Locator;
  /** The validated plan; absent when the file has a syntax or schema error. */
  plan?: Plan;
  /** The plan's id when it can be read, even from an invalid plan (for duplicate-id and findings). */
  id?: string;
  /** Its kam-disable comments, when it has any (a file that is not YAML has none: its comments cannot be told). */
  suppressions?: FileSuppressions;
}

const noLocation: Locator = () => ({ line: 1, column: 1 });
const noLocator = () => noLocation;

export function loadPlanFile(file: string, bytes: Uint8Array): { planFile: PlanFile; issues: Issue[] } {
  const decoded = decodeYamlBytes(bytes);
  if (!decoded.ok) {
    const { line, column, text: message } = decoded.problem;
    return { planFile: { file, locator: noLocator }, issues: [{ rule: 'yaml-syntax', file, message, position: { line, column } }] };
  }
  const parsed = parseYamlValue(decoded.text);
  const text = decoded.text;
  const locator = () => createLocator(text, parsed.ok && parsed.fast === true);
  if (!parsed.ok) {
    const { line, column, text: message } = parsed.problem;
    return { planFile: { file, locator }, issues: [{ rule: 'yaml-syntax', file, message, position: { line, column } }] };
  }
  const rawId = readId(parsed.value);
  const suppressions = findSuppressions(text);
  if (parsed.value === null || parsed.value === undefined) {
    return {
      planFile: { file, locator, ...(suppressions ? { suppressions } : {}) },
      issues: [{ rule: 'schema', file, message: msg('validation.empty-plan', {}), at: { path: [] } }],
    };
  }
  const shape = validateShape(planSchema, parsed.value, planJsonSchema);
  const account = shape.value?.id ?? rawId;
  const issues: Issue[] = shape.problems.map((p) => ({
    rule: p.kind,
    file,
    ...(account !== undefined ? { account } : {}),
    message: p.text,
    at: { path: p.path, on: p.on },
  }));
  let plan = shape.value;
  if (plan) {
    const sums = [...overflowingSums(plan), ...unknownReportsTo(plan)];
    for (const { path, message } of sums) issues.push({ rule: 'schema', file, account: plan.id, message, at: { path } });
    if (sums.length > 0) plan = undefined;
  }
  const planFile: PlanFile = { file, locator };
  if (plan) planFile.plan = plan;
  if (account !== undefined) planFile.id = account;
  if (suppressions) planFile.suppressions = suppressions;
  return { planFile, issues };
}

/** A plan file loaded elsewhere (a worker thread): its values, with a locator made from the bytes when needed. */
export function restoredPlanFile(file: string, bytes: () => Uint8Array, loaded: { plan?: Plan; id?: string }): PlanFile {
  const planFile: PlanFile = {
    file,
    locator: () => {
      const decoded = decodeYamlBytes(bytes());
      return decoded.ok ? createLocator(decoded.text) : noLocation;
    },
  };
  if (loaded.plan !== undefined) planFile.plan = loaded.plan;
  if (loaded.id !== undefined) planFile.id = loaded.id;
  return planFile;
}

function readId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** One `duplicate-id` issue on every file whose id another file also uses. */
export function duplicateIdIssues(planFiles: readonly Pick<PlanFile, 'file' | 'id'>[]): Issue[] {
  const byId = new Map<string, Pick<PlanFile, 'file' | 'id'>[]>();
  for (const pf of planFiles) {
    if (pf.id === undefined) continue;
    const list = byId.get(pf.id);
    if (list) list.push(pf);
    else byId.set(pf.id, [pf]);
  }
  const issues: Issue[] = [];
  for (const [id, files] of byId) {
    if (files.length < 2) continue;
    files.forEach((pf, index) => {
      issues.push({
        rule: 'duplicate-id',
        file: pf.file,
        account: id,
        message: othersMessage(id, files, index),
        at: { path: ['id'] },
      });
    });
  }
  return issues;
}

const OTHERS_NAMED = 3;

/** The other files of an id, the first few by name: listing them all is quadratic when thousands share one id. */
function othersMessage(id: string, files: readonly Pick<PlanFile, 'file'>[], index: number) {
  const named: string[] = [];
  for (let i = 0; i < files.length && named.length < OTHERS_NAMED; i++) if (i !== index) named.push(files[i]!.file);
  const more = files.length - 1 - named.length;
  const others = named.join(', ');
  return more > 0 ? msg('validation.duplicate-id.more', { id, others, more }) : msg('validation.duplicate-id', { id, others });
}

const TOP_LEVEL_ID = /^(["']?)id\1[ \t]*:[ \t]*(["']?)([^"'#\s]+)\2[ \t]*(?:#.*)?$/m;

/**
 * The id of a plan from its text without parsing it: the top-level `id:` line (also `"id":` or `'id':`, after a BOM). Enough to keep
 * `kam new` and `kam import` from creating a second plan for an id (a flow-style plan is
 * missed; `kam check` still reports duplicate-id for it).
 */
export function planIdOfText(text: string): string | undefined {
  return TOP_LEVEL_ID.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.[3];
}
