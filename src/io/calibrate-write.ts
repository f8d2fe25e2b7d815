// `kam calibrate --write` (issue 22): the suggested weights put into kam.yaml in place. The YAML
// Document API finds each criterion's `weight:` scalar; only those bytes are replaced, so every
// comment, blank line and quote of the file stays as it was. The result is checked with kam.yaml's
// own validation before it replaces the file (through a temporary file and a rename).
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { parseConfig } from '../core/config-file.js';
import type { KamConfig } from '../core/config.js';
import { ConfigError, InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { writeChosen } from './safe-write.js';

/** A weight as kam writes it: the shortest decimal of the rounded number. */
export function weightText(weight: number): string {
  return String(weight);
}

/** The new text of kam.yaml with the given weights (one per criterion, in order); throws when the file cannot be changed in place. */
export function withWeightsText(text: string, shown: string, config: Pick<KamConfig, 'criteria'>, weights: readonly number[]): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const notPlain = (where: string, reason: string) => new ConfigError(msg('calibrate.write.not-plain', { file: shown, where, reason }));
  if (doc.errors.length > 0) throw notPlain('kam.yaml', doc.errors[0]!.message);
  const root = doc.contents;
  const criteria = isMap(root) ? root.get('criteria', true) : undefined;
  if (criteria === undefined || criteria === null) {
    const block = ['criteria:', ...config.criteria.flatMap((c, i) => [`  - id: ${c.id}`, `    weight: ${weightText(weights[i]!)}`, `    input: ${c.input}`, `    scale: ${JSON.stringify(c.scale)}`])].join('\n');
    throw new ConfigError(msg('calibrate.write.no-criteria', { file: shown, block }));
  }
  if (!isSeq(criteria) || criteria.items.length !== config.criteria.length) throw notPlain('criteria', 'not a list of the criteria as written');
  const edits: { start: number; end: number; text: string }[] = [];
  criteria.items.forEach((item, i) => {
    const where = `criteria[${i}].weight`;
    if (!isMap(item)) throw notPlain(`criteria[${i}]`, 'not a mapping');
    const node = item.get('weight', true);
    if (node === undefined) throw notPlain(where, 'no weight: key');
    if (!isScalar(node) || typeof node.value !== 'number' || node.range === undefined || node.range === null) throw notPlain(where, 'not a number written in place (an alias or a tag)');
    if (node.tag !== undefined || node.anchor !== undefined) throw notPlain(where, 'a tag or an anchor');
    edits.push({ start: node.range[0], end: node.range[1], text: weightText(weights[i]!) });
  });
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Writes the weights into the kam.yaml at `path` (validated first; a file kam would not read again is never written). */
export function writeWeights(path: string, shown: string, config: Pick<KamConfig, 'criteria'>, weights: readonly number[]): void {
  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  if (!Buffer.from(text, 'utf8').equals(body)) throw new InputError(msg('calibrate.write.encoding', { file: shown }));
  const next = withWeightsText(text, shown, config, weights);
  const encoded = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(next, 'utf8')]);
  const check = parseConfig(encoded);
  if (!check.ok) throw new ConfigError(msg('calibrate.write.not-plain', { file: shown, where: 'kam.yaml', reason: check.problems[0]!.message }));
  const written = check.config.criteria.map((c) => c.weight);
  if (written.some((w, i) => w !== weights[i])) throw new ConfigError(msg('calibrate.write.not-plain', { file: shown, where: 'criteria', reason: 'the weights did not read back as written' }));
  writeChosen(path, shown, encoded, { force: true });
}
