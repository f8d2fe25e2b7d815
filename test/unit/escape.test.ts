// The one escape of user text in kam's output (src/format/escape.ts), and the formatters and
// writers that rely on it: CSV's formula guard, workflow commands, JSON, the progress bar, and
// safe-write's temporary files.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarize, type Finding } from '../../src/core/findings.js';
import { csvCell } from '../../src/format/csv.js';
import { escapeButLineBreaks, escapeButWhitespace, escapeJson, escapeLines, escapeOutput, escapeTerminal, escapeText, visibleEscape } from '../../src/format/escape.js';
import { github } from '../../src/format/findings/github.js';
import { json } from '../../src/format/findings/json.js';
import { sarif } from '../../src/format/findings/sarif.js';
import { escapeMarkdownCell } from '../../src/format/score/markdown.js';
import { escapeXml } from '../../src/format/report/charts.js';
import { cellText, printable } from '../../src/format/text.js';
import { progressBar } from '../../src/io/progress.js';
import { writeInside } from '../../src/io/safe-write.js';

/** Every character that must never reach a terminal raw from a human format (escape.ts). */
const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i));
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const ALL = [...C0, '\u007f', ...C1, ...BIDI, '\u2028', '\u2029'];
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const RAW_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const finding = (over: Partial<Finding>): Finding => ({ rule: 'schema', severity: 'error', file: 'accounts/a.yaml', line: 1, column: 1, message: 'm', ...over });

describe('escapeText', () => {
  it('shows each control, DEL, C1, separator and bidi control as a visible escape', () => {
    for (const c of ALL) {
      const out = escapeText(`a${c}b`);
      expect(out, `U+${c.charCodeAt(0).toString(16)}`).not.toMatch(RAW);
      expect(out).toBe(`a${visibleEscape(c)}b`);
    }
    expect(escapeText('\u001b]0;PWNED\u0007\u001b[2J')).toBe('\\u001b]0;PWNED\\u0007\\u001b[2J');
    expect(escapeText('line\nnext\r\tend')).toBe('line\\nnext\\r\\tend');
    expect(escapeText('NEL\u0085 CSI\u009b31m DEL\u007f')).toBe('NEL\\u0085 CSI\\u009b31m DEL\\u007f');
    expect(escapeText('gnp\u202e.exe \u2066x\u2069 \u200f\u061c')).toBe('gnp\\u202e.exe \\u2066x\\u2069 \\u200f\\u061c');
  });

  it('shows lone surrogates as escapes and keeps pairs (emoji, rare CJK)', () => {
    expect(escapeText('a\ud800b')).toBe('a\\ud800b');
    expect(escapeText('a\udc00b')).toBe('a\\udc00b');
    expect(escapeText('end\ud83d')).toBe('end\\ud83d');
    expect(escapeText('👍 𠀀 中国移动')).toBe('👍 𠀀 中国移动');
    // What is printed encodes to UTF-8 and back unchanged: no U+FFFD from a lone half.
    const out = escapeText('x\ud800\udc00\udc00');
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  it('returns ordinary text unchanged, as the same string', () => {
    for (const text of ['ACME Telecom', 'Müller & Söhne GmbH', '中国移动 \\u001b literal', 'a\u00a0b ‐ “q” ½ ﬁ', 'שלום مرحبا', '']) {
      expect(escapeText(text)).toBe(text);
      expect(escapeLines(text)).toBe(text);
      expect(escapeTerminal(text)).toBe(text);
    }
  });

  it('is what the formatters call printable and cellText (cellText turns line breaks into spaces)', () => {
    expect(printable('a\u202eb\u001b')).toBe('a\\u202eb\\u001b');
    expect(cellText('a\r\nb\u202e\u0085')).toBe('a b\\u202e\\u0085');
  });
});

describe('escapeLines, escapeButLineBreaks, escapeTerminal', () => {
  it('escapeLines keeps line feeds only', () => {
    expect(escapeLines('one\u001b[2J\ntwo\r\tthree\u202e\n')).toBe('one\\u001b[2J\ntwo\\r\\tthree\\u202e\n');
  });

  it('escapeButWhitespace keeps tab, CR and LF only', () => {
    expect(escapeButWhitespace('a\tb\r\nc\u000b\u000c\u001b\u202e')).toBe('a\tb\r\nc\\u000b\\u000c\\u001b\\u202e');
  });

  it('escapeButLineBreaks keeps CR and LF only', () => {
    expect(escapeButLineBreaks('a\r\nb\t\u001b\u0085')).toBe('a\r\nb\\t\\u001b\\u0085');
  });

  it("escapeTerminal keeps line feeds and colour (SGR) sequences, and nothing else", () => {
    const coloured = '\u001b[1m\u001b[35mgold\u001b[39m\u001b[22m \u001b[2mdim\u001b[22m\n';
    expect(escapeTerminal(coloured)).toBe(coloured);
    expect(escapeTerminal('\u001b[31mred\u001b[39m \u001b]0;title\u0007 \u001b[2J \u001b[1;1H \u009b2J\u202e\n')).toBe(
      '\u001b[31mred\u001b[39m \\u001b]0;title\\u0007 \\u001b[2J \\u001b[1;1H \\u009b2J\\u202e\n',
    );
  });
});

describe('escapeOutput (the last pass of every human format)', () => {
  it('keeps colour sequences only when the output is coloured', () => {
    const text = '\u001b[1mbold\u001b[22m \u001b]0;t\u0007\n';
    expect(escapeOutput(text, true)).toBe('\u001b[1mbold\u001b[22m \\u001b]0;t\\u0007\n');
    expect(escapeOutput(text, false)).toBe('\\u001b[1mbold\\u001b[22m \\u001b]0;t\\u0007\n');
    expect(escapeOutput('plain\ntext\n', false)).toBe('plain\ntext\n');
  });
});

describe('escapeJson', () => {
  it('writes DEL, C1, separators and bidi controls as \\u escapes: the same JSON values', () => {
    const value = { name: `x${ALL.join('')}y`, lone: 'a\ud800b' };
    const text = escapeJson(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(RAW_BUT_LF);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\\ud800');
  });
});

describe('human formatters escape untrusted text', () => {
  it('markdown cells escape controls and bidi controls before the Markdown escapes', () => {
    expect(escapeMarkdownCell('Evil\u001b]0;T\u0007 | *x* \u202e')).toBe('Evil\\\\u001b\\]0;T\\\\u0007 \\| \\*x\\* \\\\u202e');
    expect(escapeMarkdownCell('ACME Telecom (a_b)')).toBe('ACME Telecom (a\\_b)');
  });

  it('HTML text and attributes carry no control character, and stay HTML-escaped', () => {
    expect(escapeXml('<b>\u001b[2J & "q"\u0000\u0085\u202e')).toBe('&lt;b&gt;\\u001b[2J &amp; &quot;q&quot;\\u0000\\u0085\\u202e');
    expect(escapeXml('a\tb\r\nc')).toBe('a\tb\r\nc'); // white space in HTML
    expect(escapeXml('a\u000cb\u000bc')).toBe('a\\u000cb\\u000bc');
  });

  it('the progress bar escapes its label (a file name) and writes only its own controls', () => {
    let written = '';
    const stream = { isTTY: true, columns: 80, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const bar = progressBar('kam: reading ev\u001b]0;T\u0007il.csv', 100, stream, {});
    bar.update(50);
    bar.finish();
    expect(written).toContain('ev\\u001b]0;T\\u0007il.csv');
    expect(written.replace(/\r|\u001b\[2K/g, '')).not.toMatch(RAW);
  });
});

describe('machine formats stay valid and keep the data', () => {
  const hostile = 'Evil\u001b]0;T\u0007\u001b[2J\u0085\u009b\u202e\u007f\u2028 Corp';

  it('kam.findings/v1 and SARIF: JSON with the same values, no raw C1 or bidi control, lone surrogates escaped', () => {
    const findings = [finding({ message: `${hostile} \ud800`, file: `accounts/${hostile}.yaml` })];
    for (const out of [json(findings, summarize(findings, 1), { color: false, version: '' }), sarif(findings, summarize(findings, 1), { color: false, version: '1' })]) {
      expect(out).not.toMatch(RAW_BUT_LF);
      expect(out).toContain('\\ud800');
      expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      expect(out).toContain('\\u001b]0;T\\u0007');
    }
    const parsed = JSON.parse(json(findings, summarize(findings, 1), { color: false, version: '' }));
    expect(parsed.findings[0].message).toBe(`${hostile} \ud800`);
    expect(JSON.parse(sarif(findings, summarize(findings, 1), { color: false, version: '1' })).runs[0].results[0].message.text).toBe(`${hostile} \ud800`);
  });

  it('GitHub workflow commands: one line per finding, no raw control but the final line feed', () => {
    const out = github([finding({ message: `${hostile}\ttab 100%\r\nnext`, file: `accounts/${hostile}.yaml` })], summarize([], 1), { color: false, version: '' });
    expect(out.split('\n')).toHaveLength(2);
    expect(out.slice(0, -1)).not.toMatch(RAW);
    expect(out).toContain('::Evil\\u001b]0;T\\u0007\\u001b[2J\\u0085\\u009b\\u202e\\u007f\\u2028 Corp\\ttab 100%25%0D%0Anext\n');
    expect(out).toContain('file=accounts/Evil\\u001b]0;T\\u0007');
    // ordinary messages are as before
    expect(github([finding({ message: 'a: b, c' })], summarize([], 1), { color: false, version: '' })).toBe('::error file=accounts/a.yaml,line=1,col=1,title=kam schema::a: b, c\n');
  });
});

describe('CSV formula guard', () => {
  it("prefixes ' to text a spreadsheet would run: = + - @ tab CR, their fullwidth forms, and any of them after leading blanks", () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' =1+1', '  @x', '\u00a0=1', '\u3000＝1', ' \t=1']) {
      const cell = csvCell(text);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted, JSON.stringify(text)).toBe(`'${text}`);
    }
  });

  it('leaves other text, numbers and empty cells alone', () => {
    expect(csvCell('ACME Telecom')).toBe('ACME Telecom');
    expect(csvCell(' ACME')).toBe(' ACME');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('中国移动')).toBe('中国移动');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('   ')).toBe('   ');
  });
});

describe('safe-write temporary files', () => {
  const root = mkdtempSync(join(tmpdir(), 'kam-stale-'));
  const children: { kill: () => void }[] = [];
  afterAll(() => children.forEach((c) => c.kill()));

  /** A pid that is certainly not running: a child that has exited. */
  function deadPid(): number {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(r.stdout);
  }

  it('are named .kam-tmp-<pid>-<hex>; the first write in a folder removes those of processes that are gone, or an hour old', () => {
    const folder = join(root, 'accounts');
    mkdirSync(folder);
    const dead = `.kam-tmp-${deadPid()}-0badc0de`;
    writeFileSync(join(folder, dead), ''); // what kill -9 during a write leaves
    const live = spawn('sleep', ['60']);
    children.push(live);
    const running = `.kam-tmp-${live.pid}-00c0ffee`; // another kam writing right now
    writeFileSync(join(folder, running), '');
    const old = `.kam-tmp-${live.pid}-0000cafe`; // a running pid, but two hours old: the pid was reused
    writeFileSync(join(folder, old), '');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(folder, old), twoHoursAgo, twoHoursAgo);
    const unrelated = ['.kam-tmp-notapid-00000000', '.kam-tmp-1', 'kam-tmp-1-00000000', '.kam-tmpfile', `.kam-tmp-${deadPid()}-0badc0de.yaml`];
    for (const name of unrelated) writeFileSync(join(folder, name), 'keep');
    mkdirSync(join(folder, `.kam-tmp-${deadPid()}-00000000`)); // not a file: not ours

    expect(writeInside(root, { path: 'accounts/new.yaml', content: 'id: new\n' }).status).toBe('created');
    const names = readdirSync(folder);
    expect(names).toContain('new.yaml');
    expect(names).not.toContain(dead);
    expect(names).not.toContain(old);
    expect(names).toContain(running);
    for (const name of unrelated) expect(names).toContain(name);
  });

  it('a dry run removes nothing', () => {
    const folder = join(root, 'dry');
    mkdirSync(folder);
    const dead = join(folder, `.kam-tmp-${deadPid()}-deadbeef`);
    writeFileSync(dead, '');
    writeInside(root, { path: 'dry/x.yaml', content: '' }, { dryRun: true });
    expect(existsSync(dead)).toBe(true);
  });
});
