// The client CSV reader: well-formed files read as papaparse reads them; a file in another
// encoding (decoded, then encoded to UTF-8) reads as the same text in UTF-8 does, odd files
// included; numbers as Number() reads them; trimming as String.prototype.trim does.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Utf8Column } from '../../src/io/columns.js';
import { readCsv, readCsvHead, type CsvSource } from '../../src/tabular/csv.js';
import type { TableRow } from '../../src/tabular/row.js';

const dir = mkdtempSync(join(tmpdir(), 'kam-csv-reader-'));
let files = 0;

interface SeenRow {
  cells: string[];
  breaks: number;
  numbers: (number | undefined | null)[];
  blanks: boolean[];
  trimmed: string[];
}

function see(row: TableRow): SeenRow {
  const column = new Utf8Column({ hashed: true });
  const cells = row.cells().slice();
  cells.forEach((_, i) => row.pushTrimmed(i, column));
  return {
    cells,
    breaks: row.breaks(),
    numbers: cells.map((_, i) => row.number(i)),
    blanks: cells.map((_, i) => row.blank(i)),
    trimmed: cells.map((_, i) => column.get(i)),
  };
}

const sourceOf = (file: string, encoding: string, delimiter?: string): CsvSource => ({ kind: 'csv', path: file, file, encoding, crLines: false, delimiter });

function readAll(content: string | Buffer, encoding = 'utf-8'): SeenRow[] {
  const file = join(dir, `f${files++}.csv`);
  writeFileSync(file, typeof content === 'string' && encoding === 'utf-16le' ? Buffer.from(content, 'utf16le') : content);
  const fd = openSync(file, 'r');
  try {
    const rows: SeenRow[] = [];
    readCsv(fd, sourceOf(file, encoding, ','), '.', (row) => rows.push(see(row)));
    return rows;
  } finally {
    closeSync(fd);
  }
}

/** Reads the text from UTF-8 and from UTF-16 (decoded, then encoded to UTF-8): the rows must agree. */
const bothReaders = (content: string) => {
  const rows = readAll(content);
  expect(readAll(content, 'utf-16le')).toEqual(rows);
  return rows;
};

/** papaparse's reading of a well-formed file, as kam takes files: a BOM and one final line break dropped. */
function papaparseRows(content: string, eol: string): string[][] {
  let text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  if (text.endsWith(eol)) text = text.slice(0, -eol.length);
  if (text === '') return /^\uFEFF?$/.test(content) ? [] : [['']]; // a lone line break is one blank line
  return Papa.parse<string[]>(text, { delimiter: ',', newline: eol as '\n', header: false, skipEmptyLines: false }).data;
}

describe('client CSV readers', () => {
  it('read quoted cells, doubled quotes, line breaks in quotes, CRLF and a BOM alike', () => {
    const rows = bothReaders('\uFEFFid,name,revenue_2025\r\n a1 ,"Acme, ""Big"" Inc.",12.5\r\n"a2","two\nlines",-3\r\n\r\na3,\u3000中国移动\u00a0,1e3\r\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ['id', 'name', 'revenue_2025'],
      [' a1 ', 'Acme, "Big" Inc.', '12.5'],
      ['a2', 'two\nlines', '-3'],
      [''],
      ['a3', '\u3000中国移动\u00a0', '1e3'],
    ]);
    expect(rows[1]!.trimmed[0]).toBe('a1');
    expect(rows[4]!.trimmed[1]).toBe('中国移动');
    expect(rows[2]!.breaks).toBe(1);
    expect(rows[1]!.numbers[2]).toBe(12.5);
    expect(rows[4]!.numbers[2]).toBe(1000);
    expect(rows[3]!.blanks).toEqual([true]);
  });

  it('read plain numbers exactly as Number() does (under the decimal point)', () => {
    const cells = ['0.1', '123456789012345', '1234567890123456', '-0', '+7', '5.', '.5', '.', '-', '1.2.3', '00012', '3.14159265358979', ' 4 ', '9007199254740993'];
    const rows = bothReaders(`a\n${cells.join('\n')}\n`);
    rows.slice(1).forEach((row, i) => {
      const cell = cells[i]!;
      const expected = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(cell) ? Number(cell) : null;
      expect(Object.is(row.numbers[0], expected), `${cell}: ${row.numbers[0]} vs ${expected}`).toBe(true);
    });
  });

  it('read thousands of generated well-formed files as papaparse does', () => {
    const piece = fc.constantFrom('a', 'Z', '7', '0', '.', '-', ' ', ',', ';', '"', '\n', '中', '\u3000', '\u00a0', '\uFEFF', 'é', '😀', '\t', 'e5');
    const cell = fc.oneof(
      fc.array(piece, { maxLength: 6 }).map((p) => p.join('').replace(/[",\n]/g, '')),
      fc.array(piece, { maxLength: 6 }).map((p) => `"${p.join('').replace(/"/g, '""')}"`),
      fc.integer({ min: -1e6, max: 1e9 }).map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => d.toFixed(3)),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    const file = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean());
    fc.assert(
      fc.property(file, ([bom, lines, eol, trailing]) => {
        // papaparse drops a BOM that starts its input, so the first cell of the file must not start with one.
        fc.pre(!lines[0]?.startsWith('\uFEFF'));
        const content = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${trailing ? eol : ''}`;
        const rows = bothReaders(content);
        expect(rows.map((r) => r.cells)).toEqual(papaparseRows(content, eol));
        for (const row of rows) expect(row.trimmed).toEqual(row.cells.map((c) => c.trim()));
      }),
      { numRuns: 1500 },
    );
  });

  it('read odd files (stray quotes, lone CRs, quotes left open) alike from UTF-8 and UTF-16, and never fail', () => {
    const piece = fc.constantFrom('a', '7', ' ', ',', '"', '""', '\n', '\r\n', '\r', '中', '\u3000', '\uFEFF', 'é', '😀');
    const content = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(content, (text) => {
        const rows = bothReaders(text);
        for (const row of rows) expect(row.trimmed).toEqual(row.cells.map((c) => c.trim()));
      }),
      { numRuns: 1500 },
    );
  });

  it('agree across block ends, with quoted line breaks and multi-byte characters on the edges', () => {
    const lines = ['id,name,note'];
    for (let i = 0; i < 40_000; i++) {
      const kind = i % 5;
      lines.push(kind === 0 ? `r${i},"名 ${i}","a\nb"` : kind === 1 ? `r${i},"x ""q"" ${i}",é` : `r${i},中国移动${'é'.repeat(i % 7)},${i}`);
    }
    const rows = bothReaders(`${lines.join('\r\n')}\r\n`);
    expect(rows).toHaveLength(40_001);
    expect(rows[40_000]!.cells[0]).toBe('r39999');
  });

  it('finds the header after blank lines, and the delimiter', () => {
    const file = join(dir, 'head.csv');
    writeFileSync(file, '\n  \nid;name;revenue_2025\n1;a;5\n2;b;6\n3;c;7\n');
    const fd = openSync(file, 'r');
    try {
      expect(readCsvHead(fd, sourceOf(file, 'utf-8'))).toEqual({ header: ['id', 'name', 'revenue_2025'], delimiter: ';' });
    } finally {
      closeSync(fd);
    }
  });

  it('names the line and column of a byte that is not UTF-8', () => {
    // 中国移动 in GBK, as Chinese Excel saves it: the hint is from the bytes.
    const content = Buffer.concat([Buffer.from('id,name\n1,ok\n2,'), Buffer.from([0xd6, 0xd0, 0xb9, 0xfa, 0xd2, 0xc6, 0xb6, 0xaf]), Buffer.from('\n')]);
    expect(() => readAll(content)).toThrow(/f\d+\.csv:3:3: byte 0xD6 is not valid UTF-8.*--encoding gb18030/);
  });
});
