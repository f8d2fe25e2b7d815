// Differential tests of the fast YAML path (src/core/yaml-fast.ts, and the line reader it asks
// first, src/core/yaml-lines.ts) against the careful one (the `yaml` library,
// src/core/yaml-source.ts), which is the authority:
//
//   1. values:    where fastYamlValue gives a value, carefulYamlValue gives the same one; where
//                 the careful path rejects a text, the fast path defers (returns undefined);
//                 where the line reader gives a value, js-yaml (CORE) gives the very same one;
//   2. locations: where fastLocator answers for a path, it answers what createCarefulLocator
//                 answers, for every path of the value and for paths that do not exist;
//   3. findings:  `checkPlans` on every fixture workspace (and on generated workspaces) gives the
//                 same findings with the fast path on and off.
//
// Inputs: every .yaml file under test/fixtures and examples, realistic plans from
// scripts/plan-text.mjs, plan-shaped trees from fast-check written in many styles (block, flow,
// comments, CRLF, odd indentation, quoting) and texts mutated line by line. A failure's
// counterexample is the text itself. KAM_FUZZ=<n> multiplies every numRuns (for a long local run).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { glob } from 'tinyglobby';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkPlans, type SourceFile } from '../../src/core/check.js';
import { DEFAULT_CONFIG, type KamConfig } from '../../src/core/config.js';
import { parseConfig } from '../../src/core/config-file.js';
import type { YamlPath } from '../../src/core/findings.js';
import { fastLocator, fastYamlValue } from '../../src/core/yaml-fast.js';
import { parsePlanLines } from '../../src/core/yaml-lines.js';
import { carefulYamlValue, createCarefulLocator, createLocator, decodeYamlBytes, parseYamlValue, setFastYamlPath } from '../../src/core/yaml-source.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AS_OF = '2026-11-23';
const FUZZ = Math.max(1, Number(process.env.KAM_FUZZ ?? 1) || 1);
const runs = (n: number) => ({ numRuns: Math.round(n * FUZZ) });
const LONG = { timeout: 20_000 * FUZZ };

afterEach(() => setFastYamlPath(true));

// ---- the two checks -------------------------------------------------------------

/** Counts of what the fast path handled, per kind of input, so that the suite notices if it stops being exercised. */
interface Counts {
  texts: number;
  carefulOk: number;
  fastValue: number;
  /** Texts the line reader (yaml-lines.ts) took. */
  lineValue: number;
  locatorTexts: number;
  fastLocator: number;
  located: number;
  deferred: number;
}
const stats = new Map<string, Counts>();
function counts(kind: string): Counts {
  let c = stats.get(kind);
  if (!c) stats.set(kind, (c = { texts: 0, carefulOk: 0, fastValue: 0, lineValue: 0, locatorTexts: 0, fastLocator: 0, located: 0, deferred: 0 }));
  return c;
}

/** The first difference between two values, strictly (key order, -0, prototypes); undefined when none. */
function strictDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? undefined : `${at}: ${describeValue(a)} vs ${describeValue(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs non-array`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different prototypes`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${at}: keys ${String(ka)} vs ${String(kb)}`;
  for (const k of ka) {
    const da = Object.getOwnPropertyDescriptor(a, k)!;
    const db = Object.getOwnPropertyDescriptor(b, k)!;
    if (da.enumerable !== db.enumerable) return `${at}.${String(k)}: enumerability`;
    const d = strictDifference(da.value, db.value, `${at}.${String(k)}`);
    if (d) return d;
  }
  return undefined;
}

function describeValue(v: unknown): string {
  return typeof v === 'number' && Object.is(v, -0) ? '-0' : `${typeof v} ${JSON.stringify(v) ?? String(v)}`;
}

/** Property 1 for one text. */
function checkValue(text: string, kind = 'other'): void {
  const stat = counts(kind);
  stat.texts++;
  const fast = fastYamlValue(text);
  const careful = carefulYamlValue(text);
  if (careful.ok) stat.carefulOk++;
  if (fast) stat.fastValue++;
  checkLineValue(text, stat);
  if (!careful.ok) {
    expect(fast, `the careful path rejects this text (${careful.problem.message}); the fast path must defer`).toBeUndefined();
    return;
  }
  if (!fast) return;
  expect(fast.value).toEqual(careful.value);
  expect(JSON.stringify(fast.value)).toBe(JSON.stringify(careful.value));
  expect(strictDifference(fast.value, careful.value)).toBeUndefined();
}

/**
 * The line reader on its own: a text it takes, js-yaml (CORE) reads to the very same value, and
 * so does the yaml library (when fastYamlValue's screens pass, as they must before it is asked).
 */
/** Texts with a block scalar that the line reader took. */
let lineBlockScalars = 0;
function checkLineValue(text: string, stat: Counts): void {
  const lines = parsePlanLines(text);
  if (!lines) return;
  stat.lineValue++;
  if (/: [|>]-?\r?\n/.test(text)) lineBlockScalars++;
  let js: unknown;
  expect(() => (js = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA })), 'js-yaml reads what the line reader takes').not.toThrow();
  expect(strictDifference(lines.value, js), 'line reader vs js-yaml').toBeUndefined();
  const fast = fastYamlValue(text);
  if (fast) expect(strictDifference(lines.value, fast.value), 'line reader vs fastYamlValue').toBeUndefined();
}

/** Every path of a value, and paths that do not exist: a missing key, an index past the end, a path through a scalar. */
function pathsOf(value: unknown, limit = 3000): YamlPath[] {
  const paths: YamlPath[] = [[]];
  const queue: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (queue.length > 0 && paths.length < limit) {
    const { value: v, path } = queue.shift()!;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        paths.push([...path, i]);
        queue.push({ value: item, path: [...path, i] });
      });
      paths.push([...path, v.length], [...path, v.length, 'x'], [...path, '0'], [...path, -1]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        paths.push([...path, k]);
        if (/^(0|[1-9][0-9]{0,8})$/.test(k)) paths.push([...path, Number(k)]); // a number segment names the same key
        queue.push({ value: item, path: [...path, k] });
      }
      paths.push([...path, 'no-such-key'], [...path, 'no-such-key', 0], [...path, 0]);
    } else {
      paths.push([...path, 'x'], [...path, 0, 'y']);
    }
  }
  return paths;
}

/** Property 2 for one text. */
function checkLocations(text: string, kind = 'other'): void {
  const stat = counts(kind);
  const careful = carefulYamlValue(text);
  if (!careful.ok) return;
  stat.locatorTexts++;
  // A text the fast value path takes is one the locator takes without its own checks: through
  // js-yaml, one that passes them; through the line reader, one it read line by line.
  const prescreened = fastYamlValue(text) !== undefined;
  if (prescreened && !parsePlanLines(text)) expect(fastLocator(text), 'a text fastYamlValue takes passes fastLocator\'s own checks').toBeDefined();
  const fast = fastLocator(text, prescreened);
  if (!fast) return;
  stat.fastLocator++;
  const locate = createCarefulLocator(text);
  for (const path of pathsOf(careful.value)) {
    for (const on of ['key', 'value'] as const) {
      const got = fast.locate(path, on);
      if (got === undefined) {
        stat.deferred++;
        continue;
      }
      stat.located++;
      expect(got, `${JSON.stringify(path)} on ${on}`).toEqual(locate(path, on));
    }
  }
}

// ---- plan-shaped trees -----------------------------------------------------------

type Scalar = { kind: 'scalar'; text: string; raw: boolean }; // raw: written verbatim (numbers, booleans, odd plain text)
type MapNode = { kind: 'map'; entries: [Scalar, Tree][] };
type SeqNode = { kind: 'seq'; items: Tree[] };
type Tree = Scalar | MapNode | SeqNode;

const str = (text: string): Scalar => ({ kind: 'scalar', text, raw: false });
const raw = (text: string): Scalar => ({ kind: 'scalar', text, raw: true });

const TRICKY = [
  'Acme Telecom', '中国移动', '广东 分公司：华南', 'Ünïcødé GmbH & Co.', 'a: b', 'a:b', 'x # y', 'x#y', '# not a comment', 'a, b', '[x]', '{y}', 'x]', 'y}',
  "it's", "'quoted'", 'say "hi"', '"', "'", '&anchor', '*star', '!bang', '!!str x', '|pipe', '>gt', '%pct', '@at', '`tick`', '-dash', '- item', '-', '? q', '?',
  '--- x', '---', '...', ':', ': x', 'x:', '#', '~', '', ' ', 'true', 'False', 'TRUE', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', 'NULL', 'nil',
  '2026-11-23', '2026-13-45', '2026-11-23T10:00:00Z', '2026-11-23 10:00', '12:30', '12:30:45', '1e3', '0x1F', '0o17', '.5', '-.5', '+.5', '1_000', '1.',
  '-0', '+12', '012', '0b101', '.inf', '-.Inf', '.NaN', 'NaN', 'Infinity', '123456789012345678901234567890', '1.5e-7', '1,000', '30%', '$100', '€5',
  'multi\nline', 'two\n\nparagraphs', 'trailing ', ' leading', 'tab\there', 'trailing\n', '😀 emoji', 'back\\slash', 'C:\\path\\x', 'a\u00a0b', 'end:',
  'key: value # c', '<<', '=', 'x\u3000', 'a\u00a0: b', 'a:\u00a0b', 'a "b" c', "a 'b' c", 'x\\"y', '\\n', 'é', '\u2028', 'x\u0085y', '\ufeffbom', 'ctrl\u0007',
];
const NUMBER_FORMS = [
  '0', '-0', '+0', '00', '007', '1', '-1', '+12', '1e3', '1E3', '1e+3', '-1e-3', '1.5e-7', '.5', '-.5', '+.5', '.5e3', '1.', '-1.', '0.0', '-0.0',
  '0x1F', '0X1F', '-0x1F', '0x', '0xg', '0o17', '0O17', '-0o17', '0o8', '0b101', '1_000', '1__0', '1e', '1.2.3', '9007199254740993',
  '123456789012345678901234567890', '1e400', '-1e400', `${'1'.repeat(250)}e99`, `-${'9'.repeat(310)}`, `0x${'f'.repeat(260)}`, `0o${'7'.repeat(350)}`, '.inf', '-.inf', '+.INF', '.Inf', '.nan', '.NaN', '.NAN', 'nan', 'inf', '1:20', '190:20:30',
];
const KEY_FORMS = [
  '2023', '2024', '2025', '01', '0', '-1', '1.5', '1e3', '0x1F', '007', '12345678901234567890', 'true', 'null', '~', 'yes', '.inf', '-0',
  '中文键', '分 公司', 'key with spaces', 'a:b', 'a#b', 'a #b', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '<<', '-k', '?k', 'k?',
  "it's", 'say "x"', '[k]', '{k}', 'k,k', 'trailing ', ' leading', '', '&a', '*a', '!t', '|', '>', '%', '@k', '`k', 'a\nb', '1 2', 'a\u00a0', '名称\u3000', 'k\u00a0:\u00a0v',
];
const PUNCT = [..."aZ 09.:#,[]{}'\"&*!|>%@`-?\\~中\n_+="];

const wordArb = fc.constantFrom('Jane Doe', 'Bo Chen', 'Li Wei', '王芳', 'Acme', 'Globex', 'EMEA', 'APAC', 'core-network', 'open', 'done', 'champion', 'x');
const punctArb = fc.string({ unit: fc.constantFrom(...PUNCT), maxLength: 8 });
const numberTextArb = fc.oneof(
  fc.integer({ min: -1000, max: 100_000_000 }).map(String),
  fc.double().map(String),
  fc.constantFrom(...NUMBER_FORMS),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);
// Number forms that both parsers read (the fast path need not defer on them).
const tameNumberTextArb = fc.oneof(
  fc.integer({ min: -1000, max: 100_000_000 }).map(String),
  fc.tuple(fc.integer({ min: -1000, max: 1_000_000 }), fc.integer({ min: 0, max: 999 })).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom('0', '1', '+12', '1e3', '1E3', '1e+3', '-1e-3', '1.5e-7', '.5', '1.', '0.0', '0x1F', '0X1F', '0o17', '007', '123456789012345678901234567890', '.inf', '-.inf', '.NaN', '1:20'),
);
const dateArb = fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 })).map(
  ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
);

/** Everything: raw tricky plain scalars, odd number forms, random punctuation. */
const wildScalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 5, arbitrary: wordArb.map(str) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY).map(str) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY).map(raw) },
  { weight: 4, arbitrary: numberTextArb.map(raw) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'True', 'FALSE', 'null', 'Null', '~', '').map(raw) },
  { weight: 2, arbitrary: dateArb.map(raw) },
  { weight: 1, arbitrary: punctArb.map(str) },
  { weight: 1, arbitrary: punctArb.map(raw) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map(str) },
);
/** Tricky strings, but quoted where they need it (by the writer's string style), and numbers both read alike. */
const tameScalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 30, arbitrary: wordArb.map(str) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY).map(str) },
  { weight: 10, arbitrary: tameNumberTextArb.map(raw) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'True', 'FALSE', 'null', '~').map(raw) },
  { weight: 8, arbitrary: dateArb.map(raw) },
  { weight: 1, arbitrary: punctArb.map(str) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map(str) },
);
const wildKeyArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,9}$/).map(str) },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_FORMS).map(raw) },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_FORMS).map(str) },
  { weight: 1, arbitrary: numberTextArb.map(raw) },
  { weight: 1, arbitrary: punctArb.map(str) },
);
const tameKeyArb: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,9}$/).map(str) },
  { weight: 2, arbitrary: fc.constantFrom('2023', '2024', '01', '0', '1.5', '1e3', '0x1F', '007', '12345678901234567890', 'true', 'yes', '中文键', '分 公司', 'key with spaces', '__proto__', 'constructor', 'toString', '<<', 'k?', 'a#b').map(raw) },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_FORMS).map(str) },
  { weight: 1, arbitrary: punctArb.map(str) },
);

function treeArbOf(scalarArb: fc.Arbitrary<Scalar>, keyArb: fc.Arbitrary<Scalar>): fc.Arbitrary<Tree> {
  return fc.letrec<{ tree: Tree; map: MapNode; seq: SeqNode }>((tie) => ({
    tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'tree' }, scalarArb, tie('map'), tie('seq')),
    map: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 4 }).map((entries) => ({ kind: 'map' as const, entries })),
    seq: fc.array(tie('tree'), { maxLength: 4 }).map((items) => ({ kind: 'seq' as const, items })),
  })).tree;
}
const wildTreeArb = treeArbOf(wildScalarArb, wildKeyArb);

/** A plan-shaped mapping: the sections of a plan with values of their kind, sometimes something else, and extra keys. */
function planArbOf(scalarArb: fc.Arbitrary<Scalar>, keyArb: fc.Arbitrary<Scalar>, numberArb: fc.Arbitrary<string>): fc.Arbitrary<Tree> {
  const treeArb = treeArbOf(scalarArb, keyArb);
  /** A mapping with the given (optional) fields in order, and maybe a few extra entries. */
  const mapArb = (fields: Record<string, fc.Arbitrary<Tree>>, extra = 1): fc.Arbitrary<MapNode> =>
    fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.array(fc.tuple(keyArb, treeArb), { maxLength: extra }), fc.nat()).map(([record, extras, at]) => {
      const entries: [Scalar, Tree][] = Object.entries(record).map(([k, v]) => [str(k), v as Tree]);
      entries.splice(at % (entries.length + 1), 0, ...extras);
      return { kind: 'map', entries };
    });
  const seqArb = (item: fc.Arbitrary<Tree>, maxLength = 5): fc.Arbitrary<SeqNode> => fc.array(item, { maxLength }).map((items) => ({ kind: 'seq', items }));
  const oneOf = (...values: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values).map(raw) }, { weight: 1, arbitrary: scalarArb });
  const nameArb: fc.Arbitrary<Tree> = fc.oneof({ weight: 8, arbitrary: wordArb.map(str) }, fc.constantFrom(...TRICKY).map(str), scalarArb);
  const numArb: fc.Arbitrary<Tree> = fc.oneof({ weight: 8, arbitrary: numberArb.map(raw) }, { weight: 1, arbitrary: scalarArb });
  const dayArb: fc.Arbitrary<Tree> = fc.oneof({ weight: 8, arbitrary: dateArb.map(raw) }, { weight: 1, arbitrary: scalarArb });
  return mapArb(
    {
      id: fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).map(raw) }, scalarArb),
      name: nameArb,
      tier: oneOf('strategic', 'key', 'growth', 'maintain'),
      industry: nameArb,
      region: oneOf('EMEA', 'APAC', 'NA', 'LATAM'),
      owner: nameArb,
      team: seqArb(mapArb({ name: nameArb, role: oneOf('account-manager', 'solution-architect'), fte: numArb }), 3),
      metrics: mapArb({
        revenue: fc.oneof(
          { weight: 4, arbitrary: fc.array(fc.tuple(fc.constantFrom('2022', '2023', '2024', '2025', '01', '2024.0', '0x7E8').map(raw), numArb), { maxLength: 4 }).map((entries): MapNode => ({ kind: 'map', entries })) },
          treeArb,
        ),
        wallet: numArb,
      }),
      assessment: mapArb({ influence: fc.oneof(numArb, mapArb({ score: numArb, note: nameArb })), techProspects: numArb }),
      objectives: seqArb(mapArb({ what: nameArb, product: nameArb, target: numArb, due: dayArb }), 3),
      relationships: seqArb(
        mapArb({ name: nameArb, title: nameArb, role: oneOf('decision-maker', 'coach', 'economic-buyer'), stance: oneOf('champion', 'neutral', 'skeptic', 'friendly'), strength: numArb, lastContact: dayArb }),
      ),
      engagements: seqArb(mapArb({ type: oneOf('pilot', 'hq-visit', 'technical-exchange'), date: dayArb, status: oneOf('done', 'planned') })),
      actions: seqArb(mapArb({ what: nameArb, owner: nameArb, due: dayArb, status: oneOf('open', 'done') })),
      risks: seqArb(fc.oneof(nameArb, mapArb({ what: nameArb, impact: oneOf('high', 'low') })), 2),
      review: mapArb({ lastReviewed: dayArb, nextReview: dayArb }),
    },
    2,
  );
}
const tamePlanArb = planArbOf(tameScalarArb, tameKeyArb, tameNumberTextArb);
const wildPlanArb = planArbOf(wildScalarArb, wildKeyArb, numberTextArb);

// ---- writing trees as YAML text, in many styles ------------------------------------

interface Style {
  indent: number;
  seqSameIndent: number; // probability that a sequence under a key starts at the key's column
  flow: number; // probability that a collection is written in flow style
  multiLineFlow: number;
  keyQuotes: 'none' | 'single' | 'double' | 'random';
  strings: 'minimal' | 'single' | 'double' | 'reckless';
  comments: number;
  blankLines: number;
  crlf: boolean;
  extraSpaces: number;
  itemOnNextLine: number;
  blockScalars: number;
  finalNewline: boolean;
  header: '' | '---' | 'modeline';
  flowPadding: boolean;
  spaceBeforeColon: number; // `key : value`
  trailingComma: number; // `[a, b,]`
  jsonFlow: number; // `{"a":1}`: no space after the `:` of a double-quoted key in flow
}

/** Writing styles; a tame style avoids what makes the fast path defer (block scalars, multi-line flow, `---`). */
const styleArb = (tame: boolean): fc.Arbitrary<Style> =>
  fc.record({
    indent: fc.integer({ min: 1, max: 4 }),
    seqSameIndent: fc.constantFrom(0, 0.5, 1),
    flow: fc.constantFrom(0, 0.2, 0.5, 1),
    multiLineFlow: tame ? fc.constant(0) : fc.constantFrom(0, 0.3),
    keyQuotes: fc.constantFrom('none', 'none', 'single', 'double', 'random'),
    strings: tame ? fc.constantFrom('minimal', 'minimal', 'single', 'double') : fc.constantFrom('minimal', 'single', 'double', 'reckless'),
    comments: fc.constantFrom(0, 0.1, 0.4),
    blankLines: fc.constantFrom(0, 0.1, 0.3),
    crlf: fc.boolean(),
    extraSpaces: fc.constantFrom(0, 0.2),
    itemOnNextLine: tame ? fc.constantFrom(0, 0, 0.05) : fc.constantFrom(0, 0.3),
    blockScalars: tame ? fc.constant(0) : fc.constantFrom(0, 0.5),
    finalNewline: fc.boolean(),
    header: tame ? fc.constantFrom('', 'modeline') : fc.constantFrom('', '---', 'modeline'),
    flowPadding: fc.boolean(),
    spaceBeforeColon: fc.constantFrom(0, 0, 0.2),
    trailingComma: fc.constantFrom(0, 0, 0.3),
    jsonFlow: fc.constantFrom(0, 0, 0.5),
  });

const COMMENTS = ['# comment', '#', '# key: value', '# - item', '# 中文 注释', '# it\'s "quoted" [x] {y}, & * !', '#:'];

function plainSafe(t: string, inFlow: boolean): boolean {
  if (t === '' || t !== t.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(t)) return false;
  if (/: |:$| #|[\n\r\t]|[\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029]/.test(t)) return false;
  if (inFlow && /[,[\]{}:]/.test(t)) return false;
  return !/^(true|false|null|~|[-+]?\.?[0-9]|[-+]?\.(inf|nan))/i.test(t);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  private readonly rnd: () => number;
  constructor(
    private readonly s: Style,
    seed: number,
  ) {
    this.rnd = mulberry32(seed);
  }

  private chance(p: number): boolean {
    return p > 0 && this.rnd() < p;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }

  private comment(): string {
    return this.chance(this.s.comments) ? ' '.repeat(1 + Math.floor(this.rnd() * 3)) + this.pick(COMMENTS) : '';
  }

  private sep(): string {
    return this.chance(this.s.extraSpaces) ? '   ' : ' ';
  }

  private colon(): string {
    return this.chance(this.s.spaceBeforeColon) ? ' :' : ':';
  }

  /** `key: value` in a flow mapping. */
  private flowPair(k: Scalar, value: string): string {
    const key = this.key(k);
    if (key.startsWith('"') && this.chance(this.s.jsonFlow)) return `${key}:${value}`;
    return `${key}${this.colon()}${this.sep()}${value}`;
  }

  private trailingComma(): string {
    return this.chance(this.s.trailingComma) ? ',' : '';
  }

  document(root: Tree): string {
    let lines: string[];
    if (root.kind === 'scalar') lines = this.scalar(root, 0, false);
    else if (isEmpty(root) || this.chance(this.s.flow / 3)) lines = this.flow(root, 0);
    else lines = this.block(root, 0);
    if (this.s.header === '---') lines.unshift('---');
    if (this.s.header === 'modeline') lines.unshift('# yaml-language-server: $schema=../schemas/plan.schema.json');
    const out: string[] = [];
    for (const line of lines) {
      if (this.chance(this.s.blankLines)) out.push(this.chance(0.2) ? '  ' : '');
      if (this.chance(this.s.comments / 2)) out.push(' '.repeat(Math.floor(this.rnd() * 6)) + this.pick(COMMENTS));
      out.push(line);
    }
    const eol = this.s.crlf ? '\r\n' : '\n';
    return out.join(eol) + (this.s.finalNewline ? eol : '');
  }

  private key(k: Scalar): string {
    if (k.raw) return k.text;
    const mode = this.s.keyQuotes === 'random' ? this.pick(['none', 'single', 'double'] as const) : this.s.keyQuotes;
    if (mode === 'none' && plainSafe(k.text, false)) return k.text;
    if (mode === 'single' && !/[\n\r\\]|[\u0000-\u001f]/.test(k.text)) return `'${k.text.replace(/'/g, "''")}'`;
    return JSON.stringify(k.text);
  }

  /** A scalar: its first line (to follow `key: ` or `- `) and any continuation lines, at `ind` or deeper. */
  private scalar(v: Scalar, ind: number, inFlow: boolean): string[] {
    const t = v.text;
    const cont = ' '.repeat(ind + this.s.indent);
    if (v.raw || (this.s.strings === 'reckless' && this.chance(0.5))) {
      const parts = t.split('\n');
      return inFlow ? [parts.join(' ')] : [parts[0]!, ...parts.slice(1).map((p) => cont + p)];
    }
    if (!inFlow && t.includes('\n') && this.chance(this.s.blockScalars)) {
      const header = this.pick(['|', '|-', '|+', '>', '>-', '|2']);
      return [header, ...t.split('\n').map((p) => (p === '' ? '' : cont + p))];
    }
    if (this.s.strings !== 'single' && this.s.strings !== 'double' && plainSafe(t, inFlow)) return [t];
    if (this.s.strings !== 'double' && !/[\n\r\\]|[\u0000-\u001f]/.test(t) && (this.s.strings === 'single' || this.chance(0.5))) return [`'${t.replace(/'/g, "''")}'`];
    const quoted = JSON.stringify(t);
    // Sometimes a long double-quoted string broken over lines (a multi-line flow scalar).
    if (!inFlow && quoted.length > 8 && this.chance(0.1)) return [quoted.slice(0, 4), cont + quoted.slice(4)];
    return [quoted];
  }

  /** A flow collection: one line, or (sometimes) one entry per line indented under `ind`. */
  private flow(node: MapNode | SeqNode, ind: number): string[] {
    const pad = this.s.flowPadding ? ' ' : '';
    const parts = node.kind === 'map' ? node.entries.map(([k, v]) => this.flowPair(k, this.flowValue(v))) : node.items.map((v) => this.flowValue(v));
    const [open, close] = node.kind === 'map' ? ['{', '}'] : ['[', ']'];
    if (parts.length > 1 && this.chance(this.s.multiLineFlow)) {
      const cont = ' '.repeat(ind + (this.chance(0.8) ? this.s.indent : 0));
      return [open, ...parts.map((p, i) => cont + p + (i < parts.length - 1 ? ',' : '')), cont + close];
    }
    return [`${open}${pad}${parts.join(', ')}${parts.length > 0 ? this.trailingComma() : ''}${pad}${close}`];
  }

  private flowValue(v: Tree): string {
    if (v.kind === 'scalar') return this.scalar(v, 0, true)[0]!;
    const pad = this.s.flowPadding ? ' ' : '';
    if (v.kind === 'map') return `{${pad}${v.entries.map(([k, x]) => this.flowPair(k, this.flowValue(x))).join(', ')}${pad}}`;
    return `[${v.items.map((x) => this.flowValue(x)).join(', ')}${v.items.length > 0 ? this.trailingComma() : ''}]`;
  }

  /** A block collection whose entries start at column `ind`. */
  private block(node: MapNode | SeqNode, ind: number): string[] {
    const pad = ' '.repeat(ind);
    const lines: string[] = [];
    if (node.kind === 'map') {
      for (const [k, v] of node.entries) {
        const head = `${pad}${this.key(k)}${this.colon()}`;
        if (v.kind === 'scalar') {
          if (v.raw && v.text === '') lines.push(head + this.comment());
          else {
            const [first, ...rest] = this.scalar(v, ind, false);
            lines.push(head + this.sep() + first + (rest.length === 0 ? this.comment() : ''), ...rest);
          }
        } else if (isEmpty(v) || this.chance(this.s.flow)) {
          const [first, ...rest] = this.flow(v, ind);
          lines.push(head + this.sep() + first + (rest.length === 0 ? this.comment() : ''), ...rest);
        } else {
          lines.push(head + this.comment());
          lines.push(...this.block(v, v.kind === 'seq' && this.chance(this.s.seqSameIndent) ? ind : ind + this.s.indent));
        }
      }
    } else {
      for (const item of node.items) {
        const dash = '-' + this.sep();
        const at = ind + dash.length;
        if (item.kind === 'scalar') {
          if (item.raw && item.text === '') lines.push(pad + '-' + this.comment());
          else {
            const [first, ...rest] = this.scalar(item, ind, false);
            lines.push(pad + dash + first + (rest.length === 0 ? this.comment() : ''), ...rest);
          }
        } else if (isEmpty(item) || this.chance(this.s.flow)) {
          const [first, ...rest] = this.flow(item, ind);
          lines.push(pad + dash + first + (rest.length === 0 ? this.comment() : ''), ...rest);
        } else if (this.chance(this.s.itemOnNextLine)) {
          lines.push(pad + '-' + this.comment(), ...this.block(item, ind + this.s.indent));
        } else {
          const inner = this.block(item, at);
          inner[0] = pad + dash + inner[0]!.slice(at);
          lines.push(...inner);
        }
      }
    }
    return lines;
  }
}

function isEmpty(node: MapNode | SeqNode): boolean {
  return node.kind === 'map' ? node.entries.length === 0 : node.items.length === 0;
}

const write = ([tree, style, seed]: [Tree, Style, number]) => new Writer(style, seed).document(tree);
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const tamePlanTextArb = fc.tuple(tamePlanArb, styleArb(true), seedArb).map(write);
const wildPlanTextArb = fc.tuple(wildPlanArb, styleArb(false), seedArb).map(write);
const planTextArb = fc.oneof({ weight: 3, arbitrary: tamePlanTextArb }, { weight: 1, arbitrary: wildPlanTextArb });
const smallTextArb = fc.tuple(wildTreeArb, styleArb(false), seedArb).map(write);

// ---- mutations ---------------------------------------------------------------------

type Mutation = { op: (typeof OPS)[number]; a: number; b: number; c: number };
const OPS = ['delete', 'duplicate', 'swap', 'char', 'indent', 'tab', 'anchor', 'alias', 'duplicate-key', 'token', 'truncate', 'join', 'cr', 'trailing'] as const;
const CHARS = [':', '#', '-', ' ', '  ', '\t', '"', "'", '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?', '\r', '\\', 'x', '中', '\u00a0', '\ufeff', '~', '.', '0', '\n', '- ', ': ', ' #', '\u2028', '\u0085', '\u0000', '\u3000', '---', '<<: '];
const mutationArb: fc.Arbitrary<Mutation> = fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(), b: fc.nat(), c: fc.nat() });

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const { op, a, b, c } of mutations) {
    const i = a % lines.length;
    const line = lines[i]!;
    const valueAt = line.search(/: |:$|- /);
    switch (op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, line];
        break;
      }
      case 'char': {
        const at = b % (line.length + 1);
        lines[i] = line.slice(0, at) + CHARS[c % CHARS.length]! + line.slice(at);
        break;
      }
      case 'indent': {
        const delta = (b % 7) - 3;
        lines[i] = delta >= 0 ? ' '.repeat(delta) + line : line.replace(new RegExp(`^ {0,${-delta}}`), '');
        break;
      }
      case 'tab':
        lines[i] = b % 2 === 0 ? line.replace(/^ /, '\t') : line.replace(/: /, ':\t');
        break;
      case 'anchor':
        if (valueAt !== -1) lines[i] = line.slice(0, valueAt + 2) + `&a${c % 3} ` + line.slice(valueAt + 2);
        break;
      case 'alias':
        if (valueAt !== -1) lines[i] = line.slice(0, valueAt + 2) + `*a${c % 3}`;
        break;
      case 'duplicate-key': {
        const key = /^( *)([^\s#:-][^:]*):( |$)/.exec(line);
        if (!key) break;
        let j = i + 1;
        while (j < lines.length && (lines[j]!.trim() === '' || /^ */.exec(lines[j]!)![0].length > key[1]!.length)) j++;
        lines.splice(j, 0, `${key[1]}${key[2]}: dup`);
        break;
      }
      case 'token':
        if (valueAt !== -1) lines[i] = line.slice(0, valueAt + 2) + [...TRICKY, ...NUMBER_FORMS][c % (TRICKY.length + NUMBER_FORMS.length)]!;
        break;
      case 'truncate':
        lines = lines.join('\n').slice(0, b % (text.length + 1)).split('\n');
        break;
      case 'join':
        if (i + 1 < lines.length) lines.splice(i, 2, line + (b % 2 === 0 ? ' ' : '') + lines[i + 1]!.trimStart());
        break;
      case 'cr':
        lines[i] = line.endsWith('\r') ? line.slice(0, -1) : line + '\r';
        break;
      case 'trailing':
        lines[i] = line + ' '.repeat(1 + (b % 3));
        break;
    }
    if (lines.length === 0) lines = [''];
  }
  return lines.join('\n');
}

// ---- the corpus -------------------------------------------------------------------

let fixtureTexts: string[] = [];
let planTexts: string[] = [];

beforeAll(async () => {
  const files = await glob(['test/fixtures/**/*.yaml', 'examples/**/*.yaml'], { cwd: ROOT, absolute: true });
  fixtureTexts = files.sort().flatMap((file) => {
    const decoded = decodeYamlBytes(readFileSync(file));
    return decoded.ok ? [decoded.text] : [];
  });
  const planTextUrl = new URL('../../scripts/plan-text.mjs', import.meta.url).href;
  const { planText } = (await import(planTextUrl)) as { planText: (i: number, variant?: number) => string };
  planTexts = Array.from({ length: 200 }, (_, i) => planText(i));
});

const corpusArb = () => fc.constantFrom(...fixtureTexts, ...planTexts.slice(0, 40));
const mutatedArb = () =>
  fc.tuple(fc.oneof(corpusArb(), planTextArb, smallTextArb), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([text, ms]) => mutate(text, ms));

// ---- 1. values ----------------------------------------------------------------------

describe('fastYamlValue agrees with the yaml library', LONG, () => {
  it('on every fixture, example and generated realistic plan', () => {
    expect(fixtureTexts.length).toBeGreaterThan(20);
    for (const text of [...fixtureTexts, ...planTexts]) checkValue(text, 'corpus');
    // The realistic plans are what the fast path is for: it must take all of them.
    for (const text of planTexts) expect(fastYamlValue(text)).toBeDefined();
    // And the line reader, the quickest of the readings (the bench's plans are such plans).
    for (const text of planTexts) expect(parsePlanLines(text)).toBeDefined();
  });

  it('on generated plans written in many styles', () => {
    fc.assert(fc.property(tamePlanTextArb, (text) => checkValue(text, 'tame plans')), runs(500));
    fc.assert(fc.property(wildPlanTextArb, (text) => checkValue(text, 'wild plans')), runs(300));
  });

  it('on small generated documents', () => {
    fc.assert(fc.property(smallTextArb, (text) => checkValue(text, 'small')), runs(1000));
  });

  it('on mutated plans (deleted, duplicated, swapped, re-indented lines; random characters; tabs; anchors; duplicate keys)', () => {
    fc.assert(fc.property(mutatedArb(), (text) => checkValue(text, 'mutated')), runs(1500));
  });

  it('on realistic plans whose keys and values are swapped for odd ones (the line reader\'s ground)', () => {
    // Realistic plans stay in the line reader's subset; what varies is what it must read exactly
    // as js-yaml does: every number form, word, date, quote and indicator, as a key or a value.
    const oddArb = fc.oneof(fc.constantFrom(...TRICKY, ...NUMBER_FORMS, ...KEY_FORMS), fc.string({ unit: fc.constantFrom(...PUNCT), maxLength: 6 }));
    // A block scalar's body: lines of odd text, blank lines between some.
    const bodyArb = fc.array(fc.tuple(fc.constantFrom(...TRICKY, ...NUMBER_FORMS).map((t) => t.replace(/\n/g, ' ')), fc.constantFrom('', '', '\n', '\n\n')), { minLength: 1, maxLength: 4 });
    const swapArb = fc.tuple(fc.nat(), fc.boolean(), oddArb, fc.constantFrom('plain', 'single', 'double', 'block'), fc.constantFrom('|', '|-', '>', '>-'), bodyArb);
    const swapped = fc.tuple(fc.nat({ max: 199 }), fc.array(swapArb, { minLength: 1, maxLength: 6 })).map(([plan, swaps]) => {
      const lines = planTexts[plan]!.split('\n');
      for (const [at, onKey, odd, quoting, header, body] of swaps) {
        const i = at % lines.length;
        if (quoting === 'block') {
          // `key: |` and an indented body, on a block line (a flow holds no block scalar).
          const m = /^( *)(- +)?([A-Za-z0-9_]+): [^{\[]/.exec(lines[i]!);
          if (!m) continue;
          const indent = ' '.repeat(m[1]!.length + (m[2]?.length ?? 0) + 2);
          lines[i] = `${m[1]}${m[2] ?? ''}${m[3]}: ${header}\n` + body.map(([line, gap]) => `${indent}${line}${gap}`).join('\n');
          continue;
        }
        const written = quoting === 'single' ? `'${odd.replaceAll("'", "''")}'` : quoting === 'double' ? JSON.stringify(odd) : odd;
        // The first `key: value` of the line (block or flow): swap its key or its value.
        lines[i] = lines[i]!.replace(/([-{,] *|^ *)([A-Za-z0-9_]+): ([^,}#]*)/, (_, lead: string, key: string, value: string) =>
          onKey ? `${lead}${written}: ${value}` : `${lead}${key}: ${written}`,
        );
      }
      return lines.join('\n');
    });
    fc.assert(fc.property(swapped, (text) => checkValue(text, 'swapped')), runs(1500));
    // Locations too (line-reader texts are located without the screens); every path of a plan is slower to check.
    fc.assert(fc.property(swapped, (text) => checkLocations(text, 'swapped')), runs(150));
  });

  it('on hand-picked edge cases, and every disagreement found so far', () => {
    const nested = (depth: number) => ['a:', ...Array.from({ length: depth - 1 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`)].join('\n') + ' x';
    const cases = [
      // Disagreements the properties found (each now deferred or read alike):
      'a: -.5', 'a: +.5', '-.5: a', 'a: [-0x1F, +0o17, -0b1]', 'a: -0', 'a: [1, -0]', 'a: 1e400', `a: ${'9'.repeat(310)}`, `a: ${'1'.repeat(250)}e99`,
      `a: 0x${'f'.repeat(260)}`, '1e400: a', '- -\n- x', '- - Jane Doe\n  -\n- []', '- a:\n  -\n- b', '- ? \n- x', '[?]', '[k]: Jane Doe',
      'objectives:\n - a:\n    - {k}: {}', '~: a', 'null: a', '{~}', '{a: {: x}}', '[: x]', 'a: [1,\n2]', 'a:\n  b: [x,\n  y]', 'a: "x\ny"',
      `${'k'.repeat(1100)}: v`, nested(64), nested(65), 'bom: 1\n\ufeffa: 2', '{}\r ', 'a: b\rc: d', "'1.'#", 'a: [x]#c', '- !', 'a: !', '- - !', '',
      'a: \u00a0x', 'a\u00a0: 1', '名称\u3000: 1', '01: a', '12345678901234567890: a', 'r:\n  - { name:\u00a0 Li, titel: CTO }', '{strength: :", a: ""}',
      'a: 1_000', 'a:\n  - { what: []\n, b: x }\n', 'a: { b: [c]\n  }', 'a:\n  - { what: ,[], owner: x }', '{ [a], b: c }', '{ {a: 1}, b: c }',
      // Others:
      '', '\n', '# only a comment\n', '---\n', 'a: 1\n...\n', '~', 'null', '-0', '-0.0', '[]', '{}', 'a:', 'a: ~', "a: ''", 'a: -.5', 'a: +.5', 'a: -0x1F',
      'a: 0x1F', 'a: 0o17', 'a: 1e3', 'a: .5', 'a: 1_000', 'a: 0b11', 'a: 01', '01: a', '1: a\n01: b', '1: a\n"1": b', 'null: a\n~: b', '~: a', 'null: a',
      '? a\n: b', '[a, b]: c', '{a: 1}: c', 'a: b: c', 'a: [1,\n2]', 'a: [1,\n  2]', 'a: "x\n  y"', "a: 'x\n  y'", 'a: x\n  y', 'a: |\n  x\n', 'a: >\n  x\n',
      'a: !!str 1', 'a: &x 1\nb: *x', '%YAML 1.2\n---\na: 1', 'a:\n- 1\n- 2', 'a:\n  - 1\n  - 2', '- a\n- b', '- - a\n  - b', '-\n  a: 1', 'a: 1 # c', 'a: 1#c',
      'a: "\\x41\\u0042"', 'a: "\\/"', 'a: "\\e"', 'a: "\\N\\_\\L\\P"', 'a:\tb', 'a: b\r\nc: d\r\n', 'a: b\rc: d', `a: ${'x'.repeat(2000)}`, `${'k'.repeat(1100)}: v`,
      'a: [b, c]: d', 'a: {b: c}}', 'a: [b, c]]', '- a\nb: c', 'a: 1\n b: 2', 'a:\n  b: 1\n c: 2', '__proto__: {x: 1}', 'a: \u0085', 'a: x\u2028y',
      'a: "\ud83d\ude00"', 'a: "\\ud83d\\ude00"', '\ufeffa: 1', 'a: 1\n\ufeffb: 2', 'a: [\n]', 'a: {\n}', '[a]', '"a": 1', "'a': 1", '"a"  : 1', 'a : 1',
      `${'a:\n'.repeat(1)}${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x`,
      `v: ${'- '.repeat(70)}x`, 'a: 1e400', 'a: -1e400', 'a: 123456789012345678901234567890', 'a: 9007199254740993', 'a: 0x', 'a: .inf', 'a: -.Inf', 'a: .NaN',
    ];
    for (const text of cases) checkValue(text);
    // Notes in plain block scalars take the fast path (values and locations); the unusual kinds defer.
    const plainBlocks = [
      'a:\n  note: |\n    line one\n    line two\nb: 1\n', 'a: >-\n  folded\n  text\nb: [x]\n', '- |\n  x\n- y\n', 'e:\n  - type: pilot\n    note: |-\n      Met them (ok)\n\n      Again\n    date: 2026-01-01\n',
      'r: |\n  # not a comment\n  - not an item\n  k: not a key\ns: 2\n',
    ];
    for (const text of plainBlocks) {
      expect(fastYamlValue(text), text).toBeDefined();
      checkValue(text);
      checkLocations(text);
    }
    const unusualBlocks = ['a: |+\n  x\n\n', 'a: |2\n   x\n', 'a: |\n  x\n    more\n', 'a: >\n  x\n\nb: 1\n', 'a: |\n  x \n', 'a: |\n  x', 'a: | # c\n  x\n', 'a: |\nb: 1\n'];
    for (const text of unusualBlocks) {
      expect(fastYamlValue(text), text).toBeUndefined();
      checkValue(text);
    }
    // A `|` inside a plain scalar is text: the line reader reads it so.
    expect(fastYamlValue('a: x |\nb: 1\n')).toEqual({ value: { a: 'x |', b: 1 } });
    checkValue('a: x |\nb: 1\n');
    // The depth limit is the careful path's: 64 nested collections pass, 65 do not.
    expect(fastYamlValue(nested(64))).toBeDefined();
    expect(carefulYamlValue(nested(65)).ok).toBe(false);
  });
});

// ---- 2. locations -------------------------------------------------------------------

describe('fastLocator agrees with the yaml library', LONG, () => {
  it('on every fixture, example and generated realistic plan', () => {
    for (const text of [...fixtureTexts, ...planTexts.slice(0, 60)]) checkLocations(text, 'corpus');
    for (const text of planTexts.slice(0, 60)) expect(fastLocator(text)).toBeDefined();
  });

  it('on generated plans written in many styles', () => {
    fc.assert(fc.property(tamePlanTextArb, (text) => checkLocations(text, 'tame plans')), runs(400));
    fc.assert(fc.property(wildPlanTextArb, (text) => checkLocations(text, 'wild plans')), runs(200));
  });

  it('on small generated documents', () => {
    fc.assert(fc.property(smallTextArb, (text) => checkLocations(text, 'small')), runs(1000));
  });

  it('on mutated plans', () => {
    fc.assert(fc.property(mutatedArb(), (text) => checkLocations(text, 'mutated')), runs(1000));
  });

  it('on hand-picked texts, and every disagreement found so far', () => {
    const texts = [
      'r:\n  - { name:\u00a0 Li, titel: CTO }\n', '{relationships: [{strength: :"}, {a: ""}]}', '[?]', '- - !', '- !', 'a: !', '01: a\nb: 1', '0: a\n01: b',
      'a:\n  12345678901234567890: x', '33435385248063721: []', '名称\u3000: 1\n名称: 2', 'a\u00a0: 1', ': x\nb: 1', '{: x, b: 1}', '- : x', '[k]: x', '{[k]: x}',
      'a: {b: [c, {d: e}], f: "g, h"}', "a: ['x, y', \"z]\"]", 'a:\n- 1\n- 2\nb: 3', '- a: 1\n  b:\n  - c\n- d', '-   a: 1\n    b: 2', 'a:   # c\n  # d\n  b: 1',
      'a: "x" # y: z', "'a b': 1\n\"c\\td\": 2", '"a\\x41": 1', 'a: x\n  y\nb: 1', '- x\n  y\n- z', '2023: 1\n2024.0: 2', 'true: 1\nyes: 2', '<<: 1',
      '{relationships: [{a ": 2020-00-00}, {"2023": []}]}', 'a: [x "y, [z", w]', '- {a "b": c}',
    ];
    for (const text of texts) checkLocations(text);
    // Malformed flows (the careful path rejects them): the scanner must still end, whatever it answers.
    for (const text of ['a: {b: c]', 'a: [b, c}', '{a: b]}', 'a: {b: [c}]}', '- {a "b: c]', '{a: "b]']) {
      for (const path of [['a', 'b'], ['a', 0], [0, 'a']]) fastLocator(text)?.locate(path, 'value');
    }
  });

  it('exercised the fast path (it is not deferring everything)', () => {
    const all = [...stats.values()].reduce((a, c) => ({ located: a.located + c.located, deferred: a.deferred + c.deferred }), { located: 0, deferred: 0 });
    expect(all.located).toBeGreaterThan(all.deferred * 3);
    const tame = counts('tame plans');
    expect(tame.fastValue).toBeGreaterThan(tame.texts * 0.08);
    expect(tame.fastLocator).toBeGreaterThan(tame.locatorTexts * 0.1);
    const small = counts('small');
    expect(small.fastValue).toBeGreaterThan(small.texts * 0.2);
    expect(small.fastLocator).toBeGreaterThan(small.locatorTexts * 0.2);
    // The line reader takes most realistic plans (all the bench's), and a share of the generated ones.
    const corpus = counts('corpus');
    expect(corpus.lineValue).toBeGreaterThan(corpus.texts * 0.5);
    const swapped = counts('swapped');
    expect(swapped.lineValue).toBeGreaterThan(swapped.texts * 0.08);
    expect(lineBlockScalars).toBeGreaterThan(swapped.texts * 0.005);
  });
});

// ---- 3. findings --------------------------------------------------------------------

interface Outcome {
  config: ReturnType<typeof parseConfig>;
  findings: unknown[];
  accounts: unknown[];
}

/** checkPlans with the fast path on or off; the config is read through the same switch. */
function runCheck(sources: readonly SourceFile[], configBytes: Uint8Array | undefined, fast: boolean): Outcome {
  setFastYamlPath(fast);
  try {
    const config = configBytes ? parseConfig(configBytes) : ({ ok: true, config: DEFAULT_CONFIG } as const);
    const kam: KamConfig = config.ok ? config.config : DEFAULT_CONFIG;
    const result = checkPlans(sources, kam, { asOf: AS_OF });
    return {
      config,
      findings: result.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, account: f.account })),
      accounts: result.accounts.map((a) => ({ id: a.id, score: a.score, tier: a.tier, rank: a.rank, file: result.fileOf.get(a) })),
    };
  } finally {
    setFastYamlPath(true);
  }
}

function expectSameOutcome(sources: readonly SourceFile[], configBytes: Uint8Array | undefined): Outcome {
  const fast = runCheck(sources, configBytes, true);
  const careful = runCheck(sources, configBytes, false);
  expect(fast).toEqual(careful);
  return fast;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('checkPlans gives the same findings with the fast path on and off', LONG, () => {
  it('on every fixture workspace and the examples', async () => {
    const configs = await glob(['test/fixtures/*/kam*.yaml', 'examples/kam.yaml'], { cwd: ROOT, absolute: true });
    expect(configs.length).toBeGreaterThanOrEqual(6);
    let findings = 0;
    for (const configFile of configs.sort()) {
      const root = dirname(configFile);
      const configBytes = readFileSync(configFile);
      const parsed = parseConfig(configBytes);
      const plans = parsed.ok ? parsed.config.plans : DEFAULT_CONFIG.plans;
      const files = await glob(typeof plans === 'string' ? [plans] : plans, { cwd: root, absolute: true, onlyFiles: true });
      const sources = files.sort().map((file) => ({ file: relative(root, file).split('\\').join('/'), bytes: readFileSync(file) }));
      findings += expectSameOutcome(sources, configBytes).findings.length;
    }
    expect(findings).toBeGreaterThan(20);
  });

  it('on workspaces of generated and mutated plans', () => {
    const examplesConfig = readFileSync(join(ROOT, 'examples', 'kam.yaml'));
    expectSameOutcome(planTexts.map((text, i) => ({ file: `accounts/p${i}.yaml`, bytes: utf8(text) })), examplesConfig);
    fc.assert(
      fc.property(fc.array(fc.oneof(planTextArb, mutatedArb(), corpusArb()), { minLength: 1, maxLength: 6 }), fc.boolean(), (texts, withConfig) => {
        const sources = texts.map((text, i) => ({ file: `accounts/g${i}.yaml`, bytes: utf8(text) }));
        expectSameOutcome(sources, withConfig ? examplesConfig : undefined);
      }),
      runs(150),
    );
  });

  it('parseYamlValue and createLocator (the public entry points) agree with the switch on and off', () => {
    /** The value, and the position of every path (of the careful value) for both `on`, with the switch set. */
    const read = (text: string, fast: boolean, paths: readonly YamlPath[]) => {
      setFastYamlPath(fast);
      try {
        const parsed = parseYamlValue(text);
        const locate = createLocator(text, parsed.ok && parsed.fast === true);
        const value = parsed.ok ? { ok: true, value: parsed.value } : parsed;
        return { value, at: paths.flatMap((path) => [locate(path, 'key'), locate(path, 'value')]) };
      } finally {
        setFastYamlPath(true);
      }
    };
    fc.assert(
      fc.property(fc.oneof(planTextArb, mutatedArb()), (text) => {
        const careful = carefulYamlValue(text);
        const paths = careful.ok ? pathsOf(careful.value, 300) : [[]];
        const off = read(text, false, paths);
        const on = read(text, true, paths);
        expect(JSON.stringify(on.value)).toBe(JSON.stringify(off.value));
        expect(on).toEqual(off);
      }),
      runs(300),
    );
  });
});
