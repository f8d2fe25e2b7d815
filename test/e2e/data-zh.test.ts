// `kam score --data`, `kam import` and `kam report --data` in Chinese: broken client files are
// refused, and bad rows skipped, with the same file, line, column and cell as in English.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config-defaults.js';
import { ENGLISH, i18n, setTranslator, translatorFor } from '../../src/i18n/index.js';
import type { PartsJob, PartsReply } from '../../src/io/client-rows.js';
import type { CsvSource } from '../../src/tabular/csv.js';
import { DataInputError } from '../../src/tabular/messages.js';
import { fixture, kam, REPO } from './helpers.js';

const zh = ['--locale', 'zh-CN'];

function csvFile(content: string | Buffer, name = 'export.csv'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kam-data-zh-'));
  writeFileSync(join(dir, name), content);
  return { dir, file: name };
}

function score(content: string | Buffer, args: string[] = [], name = 'export.csv', env: Record<string, string> = {}) {
  const { dir, file } = csvFile(content, name);
  return kam(['score', '--data', file, '--top', '5', ...args], { cwd: dir, env });
}

describe('client CSV problems in Chinese', () => {
  const broken = 'id,name,revenue_2023,revenue_2024\na,A,"(1,234)",5\nb,B,abc,4\nc,C,1\nd,D,3,4\n';

  it('skips bad rows, naming each line and column, with the hints, in Chinese; English says the same places', () => {
    const r = score(broken, zh);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kam: 已跳过 export.csv 中 3 个有问题的行；请修正这些行，或加上 --strict 让 kam 报错退出：');
    expect(r.stderr).toContain('  export.csv 第 2 行：revenue_2023 列的 -1234 是负数；金额不能小于 0');
    expect(r.stderr).toContain('  export.csv 第 3 行：revenue_2023 列的“abc”不是数值');
    expect(r.stderr).toContain('  export.csv 第 4 行：有 3 个字段，而表头有 4 个');
    expect(r.stderr).toMatch(/ {2}提示：请把数值单元格的格式设为“常规”或“数值”.*；请检查含有分隔符的单元格是否加了引号；/);
    expect(r.stderr).not.toMatch(/\b(row|column|skipped|hint)\b/);
    const en = score(broken);
    expect(en.stderr).toContain('  export.csv:2: row column revenue_2023: -1234 is negative; amounts are 0 or more');
    expect(en.stderr).toContain('  export.csv:3: row column revenue_2023: "abc" is not a number');
    expect(en.stderr).toContain('  export.csv:4: row has 3 fields, the header has 4');
  });

  it('--strict refuses the file (exit 2) with the rows listed in Chinese', () => {
    const r = score(broken, [...zh, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kam: export\.csv 中有 3 行有问题（--strict）：\n {2}export\.csv 第 2 行：/);
    expect(r.stdout).toBe('');
  });

  it('an ambiguous decimal mark, a missing id column and a duplicate field are refused in Chinese', () => {
    const ambiguous = score('id\tname\trevenue_2024\na\tA\t1.234\nb\tB\t5\n', zh, 'export.txt');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('kam: export.txt 第 2 行 revenue_2024 列的“1.234”既可以按“.”作小数点读，也可以按“,”作小数点读');
    const noId = score('foo,bar\n1,2\n', zh);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toBe('kam: export.csv 第 1 行：表头中没有“id”或“name”列（foo、bar）；请把其中一列这样命名，或在 kam.yaml 的 data.columns 中映射\n');
    const twice = score('id,name,revenue_2024,Revenue 2024\na,A,1,2\n', zh);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('kam: export.csv：有两列对应同一个字段：revenue_2024（“revenue_2024”和“Revenue 2024”）；请在 kam.yaml 的 data.columns 中映射要用的那一列（如 "revenue_2024": revenue_2024），或删除另一列');
  });

  it('a GB18030 export read as UTF-8: the line and column of the first bad byte, and the encoding to pass', () => {
    const r = kam(['score', '--data', fixture('exports/clients-gb18030.csv'), ...zh]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kam: .*clients-gb18030\.csv 第 2 行第 \d+ 列：字节 0x[0-9A-F]{2} 不是有效的 UTF-8；文件看起来是 GB18030（中文版 Excel 另存的“CSV（逗号分隔）”）：.*请加上 --encoding gb18030/);
    const en = kam(['score', '--data', fixture('exports/clients-gb18030.csv')]);
    const [, line, column] = /:(\d+):(\d+): byte/.exec(en.stderr)!;
    expect(r.stderr).toContain(`第 ${line} 行第 ${column} 列`);
  });

  it('a large file read in parts on several threads: the bad byte of its last part is told in Chinese', () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `c${i},Client ${i},${1000 + i}`).join('\n');
    const content = Buffer.concat([Buffer.from(`id,name,revenue_2024\n${rows}\nbad,M`), Buffer.from([0xfc]), Buffer.from('ller,5\n')]);
    const env = { KAM_THREADS: '3', KAM_PART_BYTES: '16384' };
    const r = score(content, zh, 'export.csv', env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kam: export.csv 第 4002 行第 6 列：字节 0xFC 不是有效的 UTF-8；文件看起来是 windows-1252');
    const en = score(content, [], 'export.csv', env);
    expect(en.stderr).toContain("kam: export.csv:4002:6: byte 0xFC is not valid UTF-8; the file looks like windows-1252 (Western European Excel's \"CSV (Comma delimited)\")");
  });

  it('kam.yaml locale: zh-CN speaks Chinese in notes too (a totals row, a year column, a mapping that matches nothing)', () => {
    const { dir, file } = csvFile('id,name,Umsatz 2024\na,A,5\n,Total,5\n');
    writeFileSync(join(dir, 'kam.yaml'), 'version: 1\nlocale: zh-CN\ndata:\n  columns:\n    Kundennr: id\n');
    const r = kam(['score', '--data', file], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kam: 已跳过 export.csv 第 3 行：“Total”是合计行，不是客户');
    expect(r.stderr).toContain('kam: 没有 revenue_<YYYY> 列，但“Umsatz 2024”的列名中有年份；如果它们是收入，请在 kam.yaml 中映射，如 data.columns: { "Umsatz 2024": revenue_2024 }');
    expect(r.stderr).toContain('kam: data.columns 映射了“Kundennr”，但文件中没有这一列');
  });

  it('kam import and kam report --data tell the same problems in Chinese', () => {
    const { dir, file } = csvFile(broken);
    writeFileSync(join(dir, 'kam.yaml'), 'version: 1\n');
    const imported = kam(['import', file, '--top', '5', '--dry-run', '--as-of', '2026-12-01', ...zh], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('  export.csv 第 3 行：revenue_2023 列的“abc”不是数值');
    const report = kam(['report', '--data', file, '-o', 'report.html', '--as-of', '2026-12-01', ...zh], { cwd: dir });
    expect(report.stderr).toContain('  export.csv 第 4 行：有 3 个字段，而表头有 4 个');
  });
});

describe('the worker thread', () => {
  it('sends its error as data (it speaks English); the main thread renders it in Chinese, its message in English', async () => {
    const { dir, file } = csvFile(Buffer.concat([Buffer.from('id,name,revenue_2024\na,A,1\nb,M'), Buffer.from([0xfc]), Buffer.from('ller,2\n')]));
    const path = join(dir, file);
    const source: CsvSource = { kind: 'csv', path, file, encoding: 'utf-8', crLines: false, delimiter: ',' };
    const { criteria, data, missing, tiers } = DEFAULT_CONFIG;
    const size = statSync(path).size;
    const work: PartsJob = {
      job: { source, config: { criteria, data, missing, tiers }, header: ['id', 'name', 'revenue_2024'], mark: '.', start: 0, end: size, keepOrdinals: false },
      bounds: [0, size],
      next: new SharedArrayBuffer(4),
    };
    const worker = new Worker(join(REPO, 'dist', 'csv-worker.js'), { workerData: work });
    const reply = await new Promise<PartsReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect('error' in reply && reply.error).toMatch(/^export\.csv:3:4: byte 0xFC is not valid UTF-8; the file looks like windows-1252/);
    const text = 'error' in reply ? reply.text : undefined;
    expect(text).toBeDefined();
    setTranslator(await translatorFor('zh-CN'));
    try {
      const error = new DataInputError(text!);
      expect(i18n().render(error.text!)).toMatch(/^export\.csv 第 3 行第 4 列：字节 0xFC 不是有效的 UTF-8；文件看起来是 windows-1252（西欧语言版 Excel 另存的“CSV（逗号分隔）”）/);
      expect(error.message).toBe('error' in reply ? reply.error : '');
    } finally {
      setTranslator(ENGLISH);
    }
  });
});

describe('workbooks in Chinese', () => {
  async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<{ dir: string; file: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'kam-data-zh-xlsx-'));
    const book = new ExcelJS.Workbook();
    build(book);
    await book.xlsx.writeFile(join(dir, 'clients.xlsx'));
    return { dir, file: 'clients.xlsx' };
  }

  it('a bad cell is named by its reference (Clients!C3); a formula without a value is said so', async () => {
    const { dir, file } = await workbook((book) => {
      const sheet = book.addWorksheet('Clients');
      sheet.addRow(['id', 'name', 'revenue_2024']);
      sheet.addRow(['a', '中国移动广东公司', 5000]);
      sheet.addRow(['b', '招商银行', 'n/a']);
      sheet.addRow(['c', '华为', { formula: 'C2*2' } as ExcelJS.CellFormulaValue]);
    });
    const r = kam(['score', '--data', file, ...zh], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('  clients.xlsx 单元格 Clients!C3：revenue_2024 列的“n/a”不是数值');
    expect(r.stderr).toContain('  clients.xlsx 单元格 Clients!C4：revenue_2024 列的“公式没有缓存的计算结果”不是数值');
    const en = kam(['score', '--data', file], { cwd: dir });
    expect(en.stderr).toContain('  clients.xlsx:Clients!C3: row column revenue_2024: "n/a" is not a number');
    expect(en.stderr).toContain('  clients.xlsx:Clients!C4: row column revenue_2024: "formula without a cached value" is not a number');
  });

  it('no sheet with a header, and a --sheet that names none, list the sheets in Chinese', async () => {
    const { dir, file } = await workbook((book) => {
      book.addWorksheet('Notes').addRow(['exported 2026-11-30']);
      book.addWorksheet('Kunden').addRow(['Kundennr', 'Firma']);
    });
    const none = kam(['score', '--data', file, ...zh], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('kam: clients.xlsx：没有哪个工作表的第一行含有“id”或“name”列（工作表：Notes、Kunden）；请用 --sheet <名称|序号> 指定工作表，或在 kam.yaml 的 data.columns 中映射它的列\n');
    const typo = kam(['score', '--data', file, '--sheet', 'Kunde', ...zh], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('kam: --sheet Kunde：clients.xlsx 中没有这个工作表；是不是指“Kunden”？（工作表：Notes、Kunden）\n');
    const header = kam(['score', '--data', file, '--sheet', 'Kunden', ...zh], { cwd: dir });
    expect(header.stderr).toBe('kam: clients.xlsx（工作表“Kunden”）第 1 行：表头中没有“id”或“name”列（Kundennr、Firma）；请把其中一列这样命名，或在 kam.yaml 的 data.columns 中映射\n');
  });

  it('an old .xls and an encrypted workbook are refused, saying what to do, in Chinese', () => {
    const xls = kam(['score', '--data', fixture('workbooks/legacy.xls'), ...zh]);
    expect(xls.code).toBe(2);
    expect(xls.stderr).toMatch(/legacy\.xls：这是 Excel 97–2003 工作簿（\.xls）；kam 只读取 \.xlsx 和 CSV：请在 Excel 或 LibreOffice 中打开，另存为 \.xlsx 或 CSV UTF-8\n$/);
    const image = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(image);
    Buffer.from('EncryptedPackage', 'utf16le').copy(image, 600);
    const encrypted = score(image, zh, 'secret.xlsx');
    expect(encrypted.code).toBe(2);
    expect(encrypted.stderr).toBe('kam: secret.xlsx：工作簿已加密（设有打开密码）；请打开它，去掉密码（Excel：文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码），再另存为 .xlsx 或 CSV UTF-8\n');
  });

  it('--encoding that kam does not know is a usage error in Chinese', () => {
    const r = score('id,name\na,A\n', [...zh, '--encoding', 'latin-9x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kam: --encoding latin-9x：无法识别的编码；请使用 utf-8, gb18030, windows-1252, shift_jis, utf-16le 等编码\n');
  });
});
