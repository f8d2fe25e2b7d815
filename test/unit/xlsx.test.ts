// Excel workbooks as --data: which files are workbooks (by their bytes), and the rows of a sheet
// as a user would check them against Excel: stored values whatever the display format, formulas
// by their cached result, dates as ISO days, the right sheet, the right row numbers.
//
// test/fixtures/workbooks/clients-libreoffice.xlsx, legacy.xls and clients.ods are LibreOffice's
// conversions of clients.fods (hand-written), made with:
//   cd test/fixtures/workbooks && for f in xlsx xls ods; do
//     soffice -env:UserInstallation=file:///tmp/kam-lo-profile --headless --convert-to $f clients.fods; done
//   mv clients.xlsx clients-libreoffice.xlsx && mv clients.xls legacy.xls
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { sniffContainer, type Container } from '../../src/tabular/container.js';
import { cellText, isDateFormat, readSheet, type SheetCell, type SheetChoice, type SheetRead } from '../../src/tabular/xlsx.js';

const REPO = join(import.meta.dirname, '../..');
const FIXTURES = join(REPO, 'test/fixtures/workbooks');
const dir = mkdtempSync(join(tmpdir(), 'kam-xlsx-'));
let files = 0;
const tempFile = (name: string) => join(dir, `${files++}-${name}`);

const hasIdColumn: SheetChoice['isHeader'] = (cells) => cells.includes('id');

interface Read extends SheetRead {
  rows: [number, SheetCell[]][];
}

async function readAll(path: string, choice: Partial<SheetChoice> = {}): Promise<Read> {
  const rows: [number, SheetCell[]][] = [];
  const read = await readSheet(path, 'export.xlsx', { isHeader: hasIdColumn, ...choice }, (n, cells) => rows.push([n, [...cells]]));
  return { ...read, rows };
}

async function writeWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = tempFile('book.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

// A ZIP of deflated entries, in the order given: workbooks as other writers store them.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zipOf(entries: [name: string, content: string | Buffer][]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const header = (size: number, signature: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(30, 0x04034b50);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = header(46, 0x02014b50);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, fileName, packed);
    directory.push(central, fileName);
    offset += 30 + fileName.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directoryBytes, end]);
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  file: string; // xl/worksheets/<file>
  rows: string;
}

interface HandBook {
  /** In the order the ZIP stores them. */
  sheets: HandSheet[];
  /** The sheet names in workbook.xml's (tab) order; by default the ZIP's. */
  tabs?: string[];
  strings?: string[]; // <si> contents
  numFmts?: string;
  cellXfs?: string;
  date1904?: boolean;
  /** Relationship targets as openpyxl writes them: /xl/worksheets/sheet1.xml. */
  absoluteTargets?: boolean;
}

/** A workbook as Excel stores it: workbook first, the worksheets, then styles and shared strings. */
function handBook(book: HandBook): Buffer {
  const target = (part: string) => (book.absoluteTargets ? `/xl/${part}` : part);
  const rels = book.sheets.map((s, i) => `<Relationship Id="rId${i + 3}" Type="${REL}/worksheet" Target="${target(`worksheets/${s.file}`)}"/>`);
  const tabs = (book.tabs ?? book.sheets.map((s) => s.name)).map((name) => book.sheets.findIndex((s) => s.name === name));
  const sheetList = tabs.map((i) => `<sheet name="${book.sheets[i]!.name}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`);
  return zipOf([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook ${MAIN}><workbookPr${book.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetList.join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="${target('styles.xml')}"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="${target('sharedStrings.xml')}"/>${rels.join('')}</Relationships>`],
    ...book.sheets.map((s): [string, string] => [`xl/worksheets/${s.file}`, `<?xml version="1.0"?><worksheet ${MAIN}><sheetData>${s.rows}</sheetData></worksheet>`]),
    ['xl/styles.xml', `<?xml version="1.0"?><styleSheet ${MAIN}>${book.numFmts ? `<numFmts>${book.numFmts}</numFmts>` : ''}<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs>${book.cellXfs ?? '<xf numFmtId="0"/>'}</cellXfs></styleSheet>`],
    ['xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${MAIN}>${(book.strings ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`],
  ]);
}

function writeBytes(name: string, bytes: Buffer | string): string {
  const path = tempFile(name);
  writeFileSync(path, bytes);
  return path;
}

describe('readSheet: cells as stored', () => {
  it('gives numbers whatever their display format, formulas by their cached result, dates as ISO days', async () => {
    const path = await writeWorkbook((workbook) => {
      const sheet = workbook.addWorksheet('Clients');
      sheet.addRow(['id', 'name', 'revenue', 'share', 'wallet', 'doubled', 'change', 'since', 'updated', 'active', 'ratio', 'bad', 'flag', 'pending', 'note', 'site']);
      const row = sheet.getRow(2);
      row.values = [
        'cmgd',
        '中国移动广东公司',
        8500000,
        0.12,
        40000000,
        { formula: 'C2*2', result: 17000000 },
        { formula: 'C2-C2', result: 0 },
        new Date(Date.UTC(2019, 2, 15)),
        new Date(Date.UTC(2024, 4, 6, 14, 30)),
        true,
        { error: '#DIV/0!' },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'C2>0', result: true },
        { formula: 'C2*3' } as ExcelJS.CellFormulaValue,
        { richText: [{ text: 'Key ' }, { text: 'account', font: { bold: true } }] },
        { text: 'cmcc.com', hyperlink: 'https://www.10086.cn' },
      ];
      row.getCell(3).numFmt = '[$¥-804]#,##0';
      row.getCell(4).numFmt = '0%';
      row.getCell(5).numFmt = '#,##0';
      row.getCell(8).numFmt = 'yyyy-mm-dd';
      row.getCell(9).numFmt = 'yyyy-mm-dd hh:mm';
      sheet.getRow(5).values = ['acme', 'Acme', 120000];
    });
    const read = await readAll(path);
    expect(read.sheet).toBe('Clients');
    expect(read.rows).toEqual([
      [1, ['id', 'name', 'revenue', 'share', 'wallet', 'doubled', 'change', 'since', 'updated', 'active', 'ratio', 'bad', 'flag', 'pending', 'note', 'site']],
      [
        2,
        [
          'cmgd', '中国移动广东公司', 8500000, 0.12, 40000000, 17000000, 0, { date: '2019-03-15' }, { date: '2024-05-06T14:30:00' }, true,
          { error: '#DIV/0!' }, { error: '#DIV/0!' }, true, { error: 'formula without a cached value' }, 'Key account', 'cmcc.com',
        ],
      ],
      [5, ['acme', 'Acme', 120000]], // rows 3 and 4 are empty: not given, and row numbers stay sheet rows
    ]);
  });

  it('keeps Chinese text whole where the XML is cut into chunks (shared and inline strings)', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `中国移动广东公司第${i}分公司`);
    for (const useSharedStrings of [true, false]) {
      const path = tempFile('chinese.xlsx');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = workbook.addWorksheet('客户');
      sheet.addRow(['id', 'name']).commit();
      names.forEach((name, i) => sheet.addRow([`c${i}`, name]).commit());
      sheet.commit();
      await workbook.commit();
      const read = await readAll(path);
      expect(read.sheets).toEqual(['客户']);
      expect(read.rows.slice(1).map(([, cells]) => cells[1])).toEqual(names);
    }
  });

  it('reads cells as Excel and other writers store them', async () => {
    const path = writeBytes('hand.xlsx', handBook({
      strings: [
        '<t>id</t>',
        '<t>东京电力</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>', // a phonetic guide is not the text
        '<r><t>Ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><r><t>text</t></r>',
        '<t>line_x000D_\nbreak, and a literal _x005F_x0041_</t>',
        '<t>R&amp;D &lt;Asia&gt;</t>',
      ],
      numFmts: '<numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;m&quot;"/>',
      cellXfs: '<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="165"/><xf numFmtId="10"/>',
      sheets: [{
        name: 'Data',
        file: 'sheet1.xml',
        rows:
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
          // formulas: an error, a boolean, an empty string, a date; shared formulas (master, dependents)
          '<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2" t="b"><f>TRUE()</f><v>1</v></c><c r="C2" t="str"><f>""</f><v></v></c>' +
          '<c r="D2" s="1"><f>TODAY()</f><v>45307.5</v></c><c r="E2"><f t="shared" ref="E2:E3" si="0">A1</f><v>7</v></c></row>' +
          '<row r="3"><c r="E3"><f t="shared" si="0"/><v>0</v></c><c r="F3"><f>X1</f></c></row>' +
          // dates by built-in formats (14, and 31, the East Asian yyyy"年"m"月"d"日"), a "m" literal that is not a month,
          // a percentage, an ISO date cell; inline strings, rich and with entities
          '<row r="4"><c r="A4" s="2"><v>45307</v></c><c r="B4" s="3"><v>45307</v></c><c r="C4" s="4"><v>1.5</v></c><c r="D4" s="5"><v>0.125</v></c>' +
          '<c r="E4" t="d"><v>2024-01-16T08:00:00</v></c><c r="F4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>' +
          '<c r="G4" t="inlineStr"><is><t>a&amp;lt;b</t></is></c></row>' +
          // no r attributes (allowed: cells and rows follow on), an empty <v/>
          '<row><c t="s"><v>4</v></c><c><v>5</v></c><c><v></v></c><c><v>6</v></c></row>',
      }],
    }));
    const read = await readAll(path, { sheet: 'Data' });
    expect(read.rows).toEqual([
      [1, ['id', '东京电力', 'Rich text', 'line\r\nbreak, and a literal _x0041_', 'R&D <Asia>']],
      [2, [{ error: '#DIV/0!' }, true, undefined, { date: '2024-01-16T12:00:00' }, 7]],
      [3, [undefined, undefined, undefined, undefined, 0, { error: 'formula without a cached value' }]],
      [4, [{ date: '2024-01-16' }, { date: '2024-01-16' }, 1.5, 0.125, { date: '2024-01-16T08:00:00' }, 'inline', 'a&lt;b']],
      [5, ['R&D <Asia>', 5, undefined, 6]],
    ]);
  });

  it('counts dates from 1904 in a workbook of the 1904 date system', async () => {
    const path = writeBytes('1904.xlsx', handBook({
      date1904: true,
      numFmts: '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>',
      cellXfs: '<xf numFmtId="0"/><xf numFmtId="164"/>',
      sheets: [{ name: 'S', file: 'sheet1.xml', rows: '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43845</v></c><c r="C1" s="1"><f>B1</f><v>43845</v></c></row>' }],
    }));
    expect((await readAll(path, { sheet: 'S' })).rows).toEqual([[1, [{ date: '1904-01-01' }, { date: '2024-01-16' }, { date: '2024-01-16' }]]]);
  });

  it('reads every entry of a small workbook, every time (exceljs would lose the last ones)', async () => {
    const path = writeBytes('small.xlsx', handBook({
      strings: ['<t>id</t>', '<t>since</t>', '<t>acme</t>'],
      numFmts: '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>',
      cellXfs: '<xf numFmtId="0"/><xf numFmtId="164"/>',
      sheets: [
        { name: 'Notes', file: 'sheet1.xml', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: 'Clients', file: 'sheet2.xml', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45307</v></c></row>' },
      ],
    }));
    for (let i = 0; i < 25; i++) {
      expect((await readAll(path)).rows).toEqual([[1, ['id', 'since']], [2, ['acme', { date: '2024-01-16' }]]]);
    }
  });

  it('gives cells as text: numbers as String(n), booleans as TRUE/FALSE, dates and errors as written', () => {
    expect([undefined, 'a ', 1234.5, 1e21, true, false, { date: '2024-01-16' }, { error: '#N/A' }].map(cellText)).toEqual(
      ['', 'a ', '1234.5', '1e+21', 'TRUE', 'FALSE', '2024-01-16', '#N/A'],
    );
  });

  it('tells date formats from number formats', () => {
    const dates = ['mm-dd-yy', 'yyyy\\-mm\\-dd\\ hh:mm', 'YYYY-MM-DD', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'h:mm AM/PM', '[h]:mm:ss'];
    const numbers = ['General', '0%', '#,##0', '[$¥-804]#,##0', '0.00E+00', '#,##0.00 "€"', '[Red]-#,##0', '#,##0\\ "m"', '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', '@'];
    expect(dates.filter((code) => !isDateFormat(code))).toEqual([]);
    expect(numbers.filter(isDateFormat)).toEqual([]);
  });
});

describe('readSheet: the sheet read', () => {
  async function threeSheets(): Promise<string> {
    return writeWorkbook((workbook) => {
      workbook.addWorksheet('Notes').addRow(['Export of 2026-11-30']);
      const clients = workbook.addWorksheet('Clients');
      clients.getRow(3).values = ['id', 'name'];
      clients.getRow(4).values = ['c1', 'Acme'];
      const hidden = workbook.addWorksheet('Archive', { state: 'hidden' });
      hidden.addRow(['id', 'name', 'closed']);
      hidden.addRow(['old', 'Old Co', true]);
    });
  }

  it('without --sheet: the first sheet whose first non-empty row is a header (hidden ones too), every sheet listed', async () => {
    const read = await readAll(await threeSheets());
    expect(read).toEqual({ sheet: 'Clients', sheets: ['Notes', 'Clients', 'Archive'], rows: [[3, ['id', 'name']], [4, ['c1', 'Acme']]] });
    const hidden = await readAll(await threeSheets(), { isHeader: (cells) => cells.includes('closed') });
    expect([hidden.sheet, hidden.rows]).toEqual(['Archive', [[1, ['id', 'name', 'closed']], [2, ['old', 'Old Co', true]]]]);
    const none = await readAll(await threeSheets(), { isHeader: (cells) => cells.includes('account') });
    expect(none).toEqual({ sheet: undefined, sheets: ['Notes', 'Clients', 'Archive'], rows: [] });
  });

  it('takes sheets in tab order, named from workbook.xml, whatever the ZIP order (openpyxl-style targets)', async () => {
    const rows = (text: string) =>
      `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${text}</t></is></c></row>`;
    const path = writeBytes('order.xlsx', handBook({
      absoluteTargets: true,
      sheets: [
        { name: 'Accounts', file: 'sheet2.xml', rows: rows('from Accounts') },
        { name: 'Overview', file: 'sheet1.xml', rows: rows('from Overview') },
      ],
      tabs: ['Overview', 'Accounts'],
    }));
    const read = await readAll(path);
    expect(read).toEqual({ sheet: 'Overview', sheets: ['Overview', 'Accounts'], rows: [[1, ['id']], [2, ['from Overview']]] });
    expect((await readAll(path, { sheet: 'accounts' })).rows).toEqual([[1, ['id']], [2, ['from Accounts']]]);
  });

  it('--sheet: a name, else a name in any case, else a number; else a UsageError with the sheets', async () => {
    const path = await threeSheets();
    expect((await readAll(path, { sheet: 'Archive' })).sheet).toBe('Archive');
    expect((await readAll(path, { sheet: 'notes' })).sheet).toBe('Notes');
    expect((await readAll(path, { sheet: '2' })).sheet).toBe('Clients');
    // A sheet read by --sheet needs no header: its rows as they are.
    expect((await readAll(path, { sheet: '1' })).rows).toEqual([[1, ['Export of 2026-11-30']]]);
    await expect(readAll(path, { sheet: 'Client' })).rejects.toThrow(new UsageError('--sheet Client: no such sheet in export.xlsx; did you mean "Clients"? (sheets: Notes, Clients, Archive)'));
    await expect(readAll(path, { sheet: '4' })).rejects.toThrow(new UsageError('--sheet 4: no such sheet in export.xlsx (sheets: Notes, Clients, Archive)'));
    await expect(readAll(path, { sheet: 'Zzz' })).rejects.toBeInstanceOf(UsageError);
  });

  it('lets an error thrown by onRow or isHeader through, and stops there', async () => {
    const path = await threeSheets();
    const stop = new Error('stop');
    const seen: number[] = [];
    await expect(readSheet(path, 'export.xlsx', { isHeader: hasIdColumn }, (n) => {
      seen.push(n);
      throw stop;
    })).rejects.toBe(stop);
    expect(seen).toEqual([3]);
    await expect(readSheet(path, 'export.xlsx', { isHeader: () => { throw stop; } }, () => {})).rejects.toBe(stop);
    expect((await readAll(path)).sheet).toBe('Clients'); // and the file reads again
  });

  it('throws an InputError, not a stack trace, for a workbook it cannot read', async () => {
    const broken = writeBytes('broken.xlsx', handBook({ sheets: [{ name: 'S', file: 'sheet1.xml', rows: '<row r="1"><c r="A1"><v>1</v></c></rowx>' }] }));
    await expect(readAll(broken, { sheet: 'S' })).rejects.toThrow(/^export\.xlsx: cannot read the workbook \(.*closing tag.*\); save it again as \.xlsx or CSV UTF-8$/);
    const cut = writeBytes('cut.xlsx', readFileSync(join(FIXTURES, 'clients-libreoffice.xlsx')).subarray(0, 3000));
    await expect(readAll(cut)).rejects.toBeInstanceOf(InputError);
  });
});

describe('readSheet: workbooks written by LibreOffice', () => {
  const FODS = join(FIXTURES, 'clients.fods');
  const expected: Read = {
    sheet: 'Clients',
    sheets: ['说明', 'Clients'],
    rows: [
      [1, ['id', 'name', 'revenue_2023', 'revenue_2024', 'wallet', 'influence', 'share', 'since']],
      [2, ['cmgd', '中国移动广东公司', 8500000, 9200000, 40000000, 4, 0.12, { date: '2019-03-15' }]], // ¥8,500,000; 40,000,000; 12%
      [3, ['acme', 'Acme Logistics', 120000, 240000, 5000000, 3, 0.5, { date: '2024-05-06T14:30:00' }]], // =C3*2
      [5, ['globex', 'Globex & Söhne "GmbH"', 0, 1234.5, undefined, 2]],
    ],
  };

  it('reads the committed conversion of clients.fods (rich text on the notes sheet, currency, %, a formula, dates)', async () => {
    expect(await readAll(join(FIXTURES, 'clients-libreoffice.xlsx'))).toEqual(expected);
    expect((await readAll(join(FIXTURES, 'clients-libreoffice.xlsx'), { sheet: '说明' })).rows).toEqual([
      [1, ['客户导出（CRM），2026-11-30']],
      [2, ['The data is on the sheet Clients.']],
    ]);
  });

  const office = ['soffice', 'libreoffice'].find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);
  if (!office && process.env.KAM_OFFICE_TESTS === 'required') throw new Error('no soffice or libreoffice on PATH; .ci/run installs libreoffice-calc');
  if (!office) console.warn('xlsx.test.ts: no soffice or libreoffice on PATH; clients.fods is not converted afresh here (CI does)');

  it.runIf(office)('reads what this LibreOffice makes of clients.fods today', { timeout: 90_000 }, async () => {
    const out = mkdtempSync(join(dir, 'office-'));
    const profile = mkdtempSync(join(tmpdir(), 'kam-lo-profile-'));
    try {
      const run = spawnSync(office!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, FODS], { timeout: 60_000, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(await readAll(join(out, 'clients.xlsx'))).toEqual(expected);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('readSheet: a big sheet', () => {
  it('reads the 20,000 rows of scripts/gen-workbook.mjs as scripts/gen-clients.mjs writes them in CSV', { timeout: 60_000 }, async () => {
    const workbook = tempFile('clients.xlsx');
    const csv = tempFile('clients.csv');
    execFileSync(process.execPath, [join(REPO, 'scripts/gen-workbook.mjs'), workbook, '20000']);
    execFileSync(process.execPath, [join(REPO, 'scripts/gen-clients.mjs'), csv, '20000']);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    const csvRows = lines.map((line) => line.match(/"[^"]*"|[^,]+/g)!.map((field) => field.replace(/^"|"$/g, '')));
    const expected = csvRows.map((fields, i) => (i === 0 ? fields : fields.map((field, j) => (j >= 4 ? Number(field) : field))));

    let rows = 0;
    let mismatches = 0;
    const read = await readSheet(workbook, 'clients.xlsx', { isHeader: hasIdColumn }, (rowNumber, cells) => {
      if (rowNumber !== rows + 1 || JSON.stringify(cells) !== JSON.stringify(expected[rows])) mismatches++;
      rows++;
    });
    expect(read).toEqual({ sheet: 'Clients', sheets: ['Notes', 'Clients'] });
    expect([rows, mismatches]).toEqual([20_001, 0]);
  });
});

describe('sniffContainer: what a --data file is, by its bytes', () => {
  function sniff(path: string): Container {
    const fd = openSync(path, 'r');
    try {
      return sniffContainer(fd, 'export.xlsx');
    } finally {
      closeSync(fd);
    }
  }
  const refusal = (path: string) => {
    const container = sniff(path);
    return container.kind === 'refused' ? container.message : container.kind;
  };

  /** A compound file (OLE2) whose directory lists these streams; `at` moves the directory. */
  function compoundFile(streams: string[], at = 512): Buffer {
    const image = Buffer.alloc(at + 512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(image);
    image.writeUInt16LE(0x3e, 0x18);
    image.writeUInt16LE(3, 0x1a);
    image.writeUInt16LE(0xfffe, 0x1c);
    image.writeUInt16LE(9, 0x1e); // 512-byte sectors
    image.writeUInt16LE(6, 0x20);
    image.writeUInt32LE(at === 512 ? 0 : 0xfffffffe, 0x30); // the directory's first sector
    ['Root Entry', ...streams].forEach((name, i) => {
      const entry = at + i * 128;
      image.write(name, entry, 'utf16le');
      image.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
      image[entry + 0x42] = i === 0 ? 5 : 2;
    });
    return image;
  }

  it('takes an OOXML workbook (.xlsx, .xlsm) by its ZIP directory, whatever the file is called', async () => {
    expect(sniff(join(FIXTURES, 'clients-libreoffice.xlsx'))).toEqual({ kind: 'xlsx' });
    expect(sniff(await writeWorkbook((workbook) => workbook.addWorksheet('S').addRow([1])))).toEqual({ kind: 'xlsx' });
    expect(sniff(writeBytes('macros.csv', zipOf([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>'], ['xl/vbaProject.bin', 'x']])))).toEqual({ kind: 'xlsx' });
  });

  it('refuses other spreadsheets and archives, saying what to do', () => {
    expect(refusal(join(FIXTURES, 'legacy.xls'))).toBe(
      'export.xlsx: an Excel 97–2003 workbook (.xls); kam reads .xlsx and CSV: open it in Excel or LibreOffice and save as .xlsx or CSV UTF-8',
    );
    expect(refusal(join(FIXTURES, 'clients.ods'))).toBe('export.xlsx: an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV UTF-8 (LibreOffice: File > Save As)');
    expect(refusal(writeBytes('b.xlsb', zipOf([['[Content_Types].xml', '<Types/>'], ['xl/workbook.bin', 'x']])))).toBe(
      'export.xlsx: an Excel binary workbook (.xlsb); open it in Excel and save as .xlsx (Excel Workbook) or CSV UTF-8',
    );
    const notAWorkbook = 'export.xlsx: a ZIP archive, not an Excel workbook (no xl/workbook.xml); unzip it, or save the data as .xlsx or CSV UTF-8';
    expect(refusal(writeBytes('export.zip', zipOf([['clients.csv', 'id,name\n']])))).toBe(notAWorkbook);
    expect(refusal(writeBytes('empty.zip', zipOf([])))).toBe(notAWorkbook);
    expect(refusal(writeBytes('cut.xlsx', readFileSync(join(FIXTURES, 'clients-libreoffice.xlsx')).subarray(0, 3000)))).toBe(
      'export.xlsx: not a readable ZIP file (truncated or damaged?); save it again as .xlsx or CSV UTF-8',
    );
    expect(refusal(writeBytes('report.pdf', '%PDF-1.7\n'))).toMatch(/^export\.xlsx: a PDF, not a table/);
    expect(refusal(writeBytes('clients.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0])))).toMatch(/^export\.xlsx: a gzip-compressed file/);
  });

  // LibreOffice 7.4 here would not write a password-protected .xlsx headless, and no Office
  // encryption tool is at hand: an encrypted workbook is a compound file with these two streams.
  it('refuses an encrypted workbook (a compound file with EncryptionInfo and EncryptedPackage)', () => {
    const message =
      'export.xlsx: the workbook is encrypted (password-protected); open it, remove the password (Excel: File > Info > ' +
      'Protect Workbook > Encrypt with Password, clear it) and save as .xlsx or CSV UTF-8';
    expect(refusal(writeBytes('secret.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage'])))).toBe(message);
    expect(refusal(writeBytes('moved.xlsx', compoundFile(['EncryptedPackage'], 4096)))).toBe(message);
    expect(refusal(writeBytes('old.xls', compoundFile(['Workbook'])))).toMatch(/Excel 97–2003 workbook/);
  });

  it('reads anything else as text, leaving the file position where it was', () => {
    const csv = writeBytes('clients.csv', 'id,name\nc1,PK Industries\n');
    const fd = openSync(csv, 'r');
    try {
      expect(sniffContainer(fd, 'clients.csv')).toEqual({ kind: 'text' });
      const head = Buffer.alloc(7);
      readSync(fd, head, 0, 7, null);
      expect(head.toString()).toBe('id,name');
    } finally {
      closeSync(fd);
    }
    expect(sniff(writeBytes('utf16.csv', Buffer.from('\uFEFFid\tname\n', 'utf16le')))).toEqual({ kind: 'text' });
    expect(sniff(writeBytes('empty.csv', ''))).toEqual({ kind: 'text' });
    expect(sniff(writeBytes('pk.csv', 'PK,name\n'))).toEqual({ kind: 'text' });
  });
});
