// Plan templates: a YAML text with a few placeholders (README "Templates").
//
//   {{ name }}                      a value, written as YAML (quoted when it must be)
//   {{& name }}                     the value as text on one line (for comments), characters
//                                   YAML does not allow raw written as visible escapes
//   {{#if owner}} … {{/if}}         the lines between are kept when the value is given
//   {{^if owner}} … {{/if}}         kept when it is not
//   {{#required actions}} … {{/required}}   kept when the tier requires that section
//   {{^required actions}} … {{/required}}   kept when it does not
//
// Block tags stand alone on their line. Rendering is pure; problems carry the template's
// own line and column, so a broken template is reported before anything is written.
import type { Position } from './findings.js';
import { PLAN_SECTIONS } from './plan.js';
import { t } from '../i18n/index.js';

export type TemplateValue = string | number | boolean | { readonly [key: string]: string | number } | undefined;
export type TemplateVars = Readonly<Record<string, TemplateValue>>;

/** Every placeholder a template may use; anything else is a typo. */
export const TEMPLATE_VARIABLES = [
  'id', 'name', 'tier', 'owner', 'industry', 'region', 'today', 'due', 'schema', 'currency',
  'metrics', 'revenue', 'wallet', 'assessment',
] as const;

export interface TemplateProblem extends Position {
  message: string;
}

export interface RenderedTemplate {
  text: string;
  /** For each output line (0-based), the template line (1-based) it came from. */
  sourceLines: number[];
}

export type RenderResult = { ok: true; rendered: RenderedTemplate } | { ok: false; problem: TemplateProblem };

const BLOCK_TAG = /^\s*\{\{\s*([#^/])\s*(if|required)\b\s*([^}\s]*)\s*\}\}\s*$/;
const INLINE_TAG = /\{\{\s*([^}]*?)\s*\}\}/g;

interface OpenBlock {
  kind: 'if' | 'required';
  line: number;
  keep: boolean;
}

export function renderTemplate(template: string, vars: TemplateVars, requiredSections: readonly string[]): RenderResult {
  const lines = template.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: string[] = [];
  const sourceLines: number[] = [];
  const open: OpenBlock[] = [];
  const known = new Set<string>(TEMPLATE_VARIABLES);
  const sections = new Set<string>(PLAN_SECTIONS);

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    const block = BLOCK_TAG.exec(line);
    if (block) {
      const [, sigil, kind, arg] = block as unknown as [string, '#' | '^' | '/', 'if' | 'required', string];
      const column = line.indexOf('{{') + 1;
      if (sigil === '/') {
        const top = open.pop();
        if (!top || top.kind !== kind) {
          return fail(lineNo, column, top ? t('init.template.closes-nothing.open', { tag: `{{/${kind}}}`, openTag: `{{#${top.kind}}}`, line: top.line }) : t('init.template.closes-nothing', { tag: `{{/${kind}}}` }));
        }
        continue;
      }
      if (kind === 'if') {
        if (!known.has(arg)) return fail(lineNo, column, unknownVariable(arg));
        const given = isGiven(vars[arg]);
        open.push({ kind, line: lineNo, keep: sigil === '#' ? given : !given });
      } else {
        if (!sections.has(arg)) return fail(lineNo, column, t('init.template.unknown-section', { section: arg, tag: `{{${sigil}required}}`, sections: PLAN_SECTIONS.join(', ') }));
        const required = requiredSections.includes(arg);
        open.push({ kind, line: lineNo, keep: sigil === '#' ? required : !required });
      }
      continue;
    }
    if (line.includes('{{#') || line.includes('{{^') || line.includes('{{/')) {
      return fail(lineNo, line.indexOf('{{') + 1, t('init.template.block-alone', {}));
    }
    if (open.some((b) => !b.keep)) continue;

    let problem: TemplateProblem | undefined;
    const rendered = line.replace(INLINE_TAG, (tag, inner: string, offset: number) => {
      if (problem) return tag;
      const raw = inner.startsWith('&');
      const name = raw ? inner.slice(1).trim() : inner;
      if (!known.has(name)) {
        problem = { line: lineNo, column: offset + 1, message: unknownVariable(name) };
        return tag;
      }
      const value = vars[name];
      if (!isGiven(value)) {
        problem = { line: lineNo, column: offset + 1, message: t('init.template.no-value', { tag: `{{${name}}}`, ifTag: `{{#if ${name}}}`, endTag: '{{/if}}' }) };
        return tag;
      }
      if (typeof value === 'boolean') {
        problem = { line: lineNo, column: offset + 1, message: t('init.template.condition', { tag: `{{${name}}}`, ifTag: `{{#if ${name}}}` }) };
        return tag;
      }
      return raw && typeof value !== 'object' ? commentText(String(value)) : yamlValue(value);
    });
    if (problem) return { ok: false, problem };
    out.push(rendered);
    sourceLines.push(lineNo);
  }
  const unclosed = open.pop();
  if (unclosed) return fail(unclosed.line, 1, t('init.template.never-closed', { tag: `{{#${unclosed.kind}}}`, endTag: `{{/${unclosed.kind}}}` }));
  return { ok: true, rendered: { text: out.join('\n'), sourceLines } };
}

/**
 * Text for a comment line: it must stay on its line (a line break in a name must not inject
 * YAML) and hold only what YAML allows raw, so a client's cell with control characters still
 * makes a valid plan. Line breaks (CR, LF, NEL, U+2028, U+2029), other controls (C0 but tab, DEL,
 * C1), BOM, U+FFFE/U+FFFF, lone surrogates and the bidirectional controls (which would reorder
 * what an editor shows) become visible escapes, `\n` or `\uXXXX`, as kam writes them on a terminal.
 */
export function commentText(text: string): string {
  return text.replace(NOT_COMMENT_TEXT, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

const NOT_COMMENT_TEXT = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function fail(line: number, column: number, message: string): RenderResult {
  return { ok: false, problem: { line, column, message } };
}

function unknownVariable(name: string): string {
  return t('init.template.unknown-placeholder', { tag: `{{${name}}}`, placeholders: TEMPLATE_VARIABLES.join(', ') });
}

function isGiven(value: TemplateValue): value is NonNullable<TemplateValue> {
  if (value === undefined || value === '' || value === false) return false;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A value as YAML text: a number, a (quoted when needed) string, or a flow mapping. */
export function yamlValue(value: string | number | { readonly [key: string]: string | number }): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '.nan';
  if (typeof value === 'string') return yamlString(value);
  const entries = Object.entries(value).map(([k, v]) => `${yamlKey(k)}: ${yamlValue(v)}`);
  return `{ ${entries.join(', ')} }`;
}

const PLAIN_SAFE = /^[\p{L}\p{N}][\p{L}\p{N} _.'&()-]*$/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOOKS_TYPED = /^(true|false|null|yes|no|on|off|y|n|~)$|^[-+.\d]/i;

/**
 * Plain when YAML cannot mistake it for anything else; otherwise double-quoted (JSON escaping is
 * valid YAML), with every character YAML does not allow raw (DEL, C1 controls, U+FFFE/FFFF) escaped
 * too: a client's cell with control characters in it makes a valid plan that keeps them.
 */
export function yamlString(text: string): string {
  if (ISO_DATE.test(text)) return text; // YAML 1.2 keeps it a string; kam reads dates as strings
  if (PLAIN_SAFE.test(text) && !LOOKS_TYPED.test(text) && !text.endsWith(' ') && !/ #|: /.test(text)) return text;
  return doubleQuoted(text);
}

function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(NOT_YAML_PRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// DEL, C1 controls (NEL too: YAML 1.1 reads it as a line break) and non-characters, which
// JSON.stringify leaves raw (it escapes C0 controls itself).
const NOT_YAML_PRINTABLE = /[\u007f-\u009f\ufffe\uffff]/g;

function yamlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : doubleQuoted(key);
}
