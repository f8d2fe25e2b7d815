// What every field and value of a plan and of kam.yaml means, for the editor: the JSON Schemas
// of `kam schema` carry these texts as `description`/`markdownDescription` (hover, completion)
// and, for enum values, `enumDescriptions`/`markdownEnumDescriptions` (yaml-language-server
// shows them next to each proposed value). Written in Markdown; the plain `description` is the
// same text without the marks. Keys are paths: `a.b` a property, `a[]` the items of a list,
// `a.*` the values of a map with free keys; a union's branches share their parent's path.
//
// The texts live in the catalogs (src/i18n/<locale>/schema.ts): `schema.plan.<path>` and
// `schema.config.<path>` per field (`schema.plan` alone is the whole file), `schema.value.<group>.<value>`
// per enum value, `schema.input.<input>` per criterion input. The English catalog lists the paths;
// each table is rendered by a translator: the run's (i18n()) unless a caller asks for another.
import { schema as catalog } from '../i18n/en/schema.js';
import { i18n, type MessageId, type Translator } from '../i18n/index.js';

export interface FieldDoc {
  /** Markdown. */
  md: string;
  /** Per enum or const value: what it means (Markdown). */
  values?: Readonly<Record<string, string>>;
}

export type DocTable = Readonly<Record<string, string | FieldDoc>>;

/** The groups of enum values that have texts (`schema.value.<group>.<value>`). */
export type ValueGroup =
  | 'role'
  | 'stance'
  | 'layer'
  | 'engagement'
  | 'whitespace'
  | 'threat'
  | 'likelihood'
  | 'impact'
  | 'engagementStatus'
  | 'actionStatus'
  | 'version'
  | 'scale'
  | 'missing'
  | 'section'
  | 'severity'
  | 'decimal'
  | 'locale'
  | 'ids';

/** The plan's fields whose values have texts, and the group of those texts. */
const PLAN_VALUES: Readonly<Record<string, ValueGroup>> = {
  'whitespace[].status': 'whitespace',
  'relationships[].role': 'role',
  'relationships[].stance': 'stance',
  'relationships[].layer': 'layer',
  'competitors[].threat': 'threat',
  'engagements[].type': 'engagement',
  'engagements[].status': 'engagementStatus',
  'actions[].status': 'actionStatus',
  'risks[].likelihood': 'likelihood',
  'risks[].impact': 'impact',
};

const CONFIG_VALUES: Readonly<Record<string, ValueGroup>> = {
  version: 'version',
  locale: 'locale',
  ids: 'ids',
  'criteria[].scale.type': 'scale',
  missing: 'missing',
  'policies.requiredSections.*[]': 'section',
  'policies.engagements.*.types[]': 'engagement',
  'rules.*': 'severity',
  'data.decimal': 'decimal',
};

/** Inputs kam's default model scores; proposed in the editor with the fixed ones. */
export const DEFAULT_ASSESSMENT_INPUTS = ['assessment.influence', 'assessment.techProspects'] as const;

const IDS = Object.keys(catalog);

/** A text of the schema catalog (ids made from paths: the English catalog has each of them). */
export function schemaText(tr: Translator, id: string): string {
  return tr.render({ id: id as MessageId, params: {} });
}

function docTable(kind: 'plan' | 'config', groups: Readonly<Record<string, ValueGroup>>, tr: Translator): DocTable {
  const prefix = `schema.${kind}`;
  const table: Record<string, string | FieldDoc> = {};
  for (const id of IDS) {
    if (id !== prefix && !id.startsWith(`${prefix}.`)) continue;
    const path = id === prefix ? '' : id.slice(prefix.length + 1);
    const md = schemaText(tr, id);
    const group = groups[path];
    table[path] = group === undefined ? md : { md, values: valueDocs(group, tr) };
  }
  return table;
}

/** The account plan, by path (tier, assessment and metrics get workspace texts too: see json-schema.ts). */
export function planDocs(tr: Translator = i18n()): DocTable {
  return docTable('plan', PLAN_VALUES, tr);
}

/** kam.yaml, by path. */
export function configDocs(tr: Translator = i18n()): DocTable {
  const table = docTable('config', CONFIG_VALUES, tr) as Record<string, string | FieldDoc>;
  // issue 22: a segment's criteria are criteria like the top-level ones, with the same texts.
  for (const [path, doc] of Object.entries(table)) if (path.startsWith('criteria[]')) table[`segments[].${path}`] ??= doc;
  return table;
}

/** What each value of a group means (Markdown), by value. */
export function valueDocs(group: ValueGroup, tr: Translator = i18n()): Readonly<Record<string, string>> {
  const prefix = `schema.value.${group}.`;
  const values: Record<string, string> = {};
  for (const id of IDS) if (id.startsWith(prefix)) values[id.slice(prefix.length)] = schemaText(tr, id);
  return values;
}

/** What each known criterion input measures (the fixed ones and those of the default model). */
export function inputDocs(tr: Translator = i18n()): Readonly<Record<string, string>> {
  const prefix = 'schema.input.';
  const docs: Record<string, string> = {};
  for (const id of IDS) if (id.startsWith(prefix)) docs[id.slice(prefix.length)] = schemaText(tr, id);
  return docs;
}
