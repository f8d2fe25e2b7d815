// Segments (issue 22): one scoring model with a few named overrides. Each account falls into
// the first segment whose `when` holds (the rest into `default`); a segment overrides only what it
// names (the weights of shared criteria, the mins of the same tier ids, criteria it replaces by id
// or adds), and everything else is the top-level model. Scoring is a layer over the plain model:
// partition the accounts, score each partition with its segment's model (so that a percentile
// ranks within the segment), then rank them all together.
import { DEFAULT_SEGMENT } from './config-defaults.js';
import type { Criterion, Segment, SegmentWhen, Tier } from './config.js';
import { assignRanks, inputValue, type ScoredAccount, type ScoringModel, type ScoringSubject } from './scoring.js';

/** What a segment changes of the top-level model (for --explain and the JSON). */
export interface SegmentOverrides {
  /** Criterion id → weight, as the segment's `weights` (and replaced criteria) make it. */
  weights: Record<string, number>;
  /** Tier id → min. */
  tiers: Record<string, number>;
  /** Criteria the segment replaces (same id as a top-level one) or adds. */
  criteria: string[];
}

export interface ResolvedSegment {
  id: string;
  label?: Segment['label'];
  when?: Segment['when'];
  model: ScoringModel;
  overrides: SegmentOverrides;
}

export interface SegmentedModel {
  /** The columns every account has: the top-level criteria, then those segments add (weight 0 outside their segment). */
  criteria: Criterion[];
  /** The segments in order, `default` last. */
  segments: ResolvedSegment[];
}

const resolved = new WeakMap<ScoringModel, SegmentedModel>();

/** Each segment's model, derived from the top-level one (remembered per model object). */
export function resolveSegments(model: ScoringModel): SegmentedModel {
  const known = resolved.get(model);
  if (known !== undefined) return known;
  const segments = model.segments ?? [];
  const top = new Set(model.criteria.map((c) => c.id));
  const criteria: Criterion[] = [...model.criteria];
  const added = new Set<string>();
  for (const s of segments) {
    for (const c of s.criteria ?? []) {
      if (top.has(c.id) || added.has(c.id)) continue;
      added.add(c.id);
      criteria.push({ ...c, weight: 0 });
    }
  }
  const derive = (s: Segment | undefined): ResolvedSegment => {
    const own = new Map((s?.criteria ?? []).map((c) => [c.id, c]));
    const weights = s?.weights ?? {};
    const overrides: SegmentOverrides = { weights: Object.create(null) as Record<string, number>, tiers: Object.create(null) as Record<string, number>, criteria: [...own.keys()] };
    const segmentCriteria = criteria.map((c): Criterion => {
      const base = own.get(c.id) ?? c;
      if (!Object.hasOwn(weights, c.id)) {
        if (own.has(c.id)) overrides.weights[c.id] = base.weight;
        return base;
      }
      overrides.weights[c.id] = weights[c.id]!;
      return { ...base, weight: weights[c.id]! };
    });
    const tierMins = s?.tiers ?? {};
    const tiers = model.tiers.map((t): Tier => {
      if (!Object.hasOwn(tierMins, t.id)) return t;
      overrides.tiers[t.id] = tierMins[t.id]!;
      return { ...t, min: tierMins[t.id]! };
    });
    const derived: ScoringModel = { criteria: segmentCriteria, missing: model.missing, tiers };
    if (model.asOf !== undefined) derived.asOf = model.asOf;
    const r: ResolvedSegment = { id: s?.id ?? DEFAULT_SEGMENT, model: derived, overrides };
    if (s?.label !== undefined) r.label = s.label;
    if (s !== undefined) r.when = s.when;
    return r;
  };
  const result: SegmentedModel = { criteria, segments: [...segments.map(derive), derive(undefined)] };
  resolved.set(model, result);
  return result;
}

/** The text a `when` key compares for an account (undefined when the account has none). */
function textOf(s: ScoringSubject, key: string): string | undefined {
  switch (key) {
    case 'tier':
      return s.declaredTier;
    case 'id':
      return s.id;
    case 'name':
      return s.name;
    default:
      return s.fields !== undefined && Object.hasOwn(s.fields, key) ? s.fields[key] : undefined;
  }
}

function holds(s: ScoringSubject, key: string, condition: SegmentWhen): boolean {
  if (typeof condition === 'string') return textOf(s, key) === condition;
  if (Array.isArray(condition)) {
    const v = textOf(s, key);
    return v !== undefined && condition.includes(v);
  }
  // A range on a number input as the plan gives it (not decayed); both ends included.
  const x = key === 'metrics.wallet' ? s.wallet : inputValue(s, key);
  if (x === undefined || !(x - x === 0)) return false;
  return (condition.min === undefined || x >= condition.min) && (condition.max === undefined || x <= condition.max);
}

/** True when every condition of `when` holds for the account. */
export function matchesWhen(s: ScoringSubject, when: Segment['when']): boolean {
  for (const key in when) if (Object.hasOwn(when, key) && !holds(s, key, when[key]!)) return false;
  return true;
}

/** The index in `segments` of the account's segment (the last one, `default`, when none matches). */
export function segmentIndex(s: ScoringSubject, segments: readonly ResolvedSegment[]): number {
  for (let k = 0; k < segments.length - 1; k++) if (matchesWhen(s, segments[k]!.when!)) return k;
  return segments.length - 1;
}

/**
 * Scores every subject with its segment's model; the result is in the subjects' order, ranked
 * over all of them. `scoreRows` is the plain model's scoring (scoring.ts).
 */
export function scoreSegmentedRows(subjects: readonly ScoringSubject[], model: ScoringModel, scoreRows: (subjects: readonly ScoringSubject[], model: ScoringModel) => ScoredAccount[]): ScoredAccount[] {
  const { segments } = resolveSegments(model);
  const top = new Set(model.criteria.map((c) => c.id));
  const members: number[][] = segments.map(() => []);
  subjects.forEach((s, i) => members[segmentIndex(s, segments)]!.push(i));
  const out: ScoredAccount[] = new Array(subjects.length);
  segments.forEach((segment, k) => {
    const rows = members[k]!;
    if (rows.length === 0) return;
    const scored = scoreRows(rows.map((i) => subjects[i]!), segment.model);
    // A criterion another segment adds is not this account's: its input is not "missing".
    const foreign = new Set(segment.model.criteria.filter((c) => c.weight === 0 && !top.has(c.id) && !segment.overrides.criteria.includes(c.id)).map((c) => c.id));
    scored.forEach((account, j) => {
      if (foreign.size > 0 && account.missing.length > 0) account.missing = account.missing.filter((id) => !foreign.has(id));
      account.segment = segment.id;
      out[rows[j]!] = account;
    });
  });
  assignRanks(out);
  return out;
}

/** The segment ids in order, `default` last. */
export function segmentIds(model: ScoringModel): string[] {
  return resolveSegments(model).segments.map((s) => s.id);
}

/** A segment by id. */
export function segmentById(model: ScoringModel, id: string): ResolvedSegment | undefined {
  return resolveSegments(model).segments.find((s) => s.id === id);
}
