// Client data as consultants receive it: exports saved by Excel and LibreOffice in the
// encodings, separators, number formats and line ends of Chinese and European machines.
// Each case gives the right numbers or a clear refusal (exit 2) that says what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, json, kam } from './helpers.js';

const exports = (name: string) => join(fixture('exports'), name);
const workbooks = (name: string) => join(fixture('workbooks'), name);

interface Account {
  id: string;
  name: string;
  criteria: { id: string; input: number | null }[];
}

/** kam score --data … --format json, outside a workspace. */
function score(file: string, args: string[] = [], cwd = mkdtempSync(join(tmpdir(), 'kam-client-'))) {
  const r = kam(['score', '--data', file, '--format', 'json', ...args], { cwd });
  return { ...r, accounts: r.code === 0 ? (json(r.stdout).accounts as Account[]) : [] };
}

/** name → [revenue.latest, revenue.total] as kam read them. */
function revenues(accounts: Account[]): Record<string, [number | null, number | null]> {
  return Object.fromEntries(accounts.map((a) => [a.name, [a.criteria.find((c) => c.id === 'revenue')!.input, a.criteria.find((c) => c.id === 'cumulativeVolume')!.input]]));
}

function csvFile(content: string | Buffer, name = 'export.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-client-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function workspace(config = 'version: 1\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kam-client-ws-'));
  writeFileSync(join(dir, 'kam.yaml'), config);
  return dir;
}

describe('number formats: never silently wrong', () => {
  it('reads a ;-separated German export with the decimal comma, and says it guessed', () => {
    const r = score(csvFile('id;name;revenue_2024\nd1;Müller GmbH;900.000\nd2;Schmidt AG;12.500\n'));
    expect(r.code, r.stderr).toBe(0);
    expect(revenues(r.accounts)).toEqual({ 'Müller GmbH': [900000, 900000], 'Schmidt AG': [12500, 12500] });
    expect(r.stderr).toMatch(/semicolon-separated .* decimal comma .*export\.csv:2: column revenue_2024 "900\.000"/);
    expect(r.stderr).toContain('--decimal');
  });

  it('reads thousands separators, currencies, percent and accounting negatives', () => {
    const file = csvFile('id,name,revenue_2023,revenue_2024,wallet,influence\na,A,"1,234,567",¥8500000,"¥12,500.00",80%\nb,B,"(1,234)",0,0,1\nc,C,  12 500 ,"¥8,500,000",  ¥7 ,4\n');
    const r = score(file);
    expect(r.code).toBe(0);
    expect(revenues(r.accounts)).toEqual({ A: [8500000, 9734567], C: [8500000, 8512500] });
    const a = r.accounts.find((x) => x.id === 'a')!;
    expect(a.criteria.find((c) => c.id === 'influence')!.input).toBe(0.8);
    // (1,234) is a negative amount: the row is reported at its cell, and skipped.
    expect(r.stderr).toMatch(/export\.csv:3: row column revenue_2023: -1234 is negative/);
    const dollars = score(csvFile('id,name,revenue_2024\na,A,"$12,500.00"\nb,B,USD 7\n'));
    expect(revenues(dollars.accounts)).toEqual({ A: [12500, 12500], B: [7, 7] });
  });

  it('refuses a cell that two conventions read differently when the file does not settle it', () => {
    const file = csvFile('id\tname\trevenue_2024\na\tA\t1.234\nb\tB\t5\n', 'export.txt');
    const r = score(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export\.txt:2: column revenue_2024 "1\.234" could be read with a decimal point or a decimal comma/);
    expect(r.stderr).toContain('--decimal');
    expect(r.stdout).toBe('');
    // Settled by the user…
    expect(revenues(score(file, ['--decimal', ',']).accounts)).toEqual({ A: [1234, 1234], B: [5, 5] });
    expect(revenues(score(file, ['--decimal', '.']).accounts)).toEqual({ A: [1.234, 1.234], B: [5, 5] });
    // … in kam.yaml …
    const ws = workspace('version: 1\ndata:\n  decimal: ","\n');
    expect(revenues(score(file, [], ws).accounts)).toEqual({ A: [1234, 1234], B: [5, 5] });
    // … or by another cell of the file.
    const settled = csvFile('id\tname\trevenue_2024\na\tA\t1.234\nb\tB\t5,5\n', 'export.txt');
    expect(revenues(score(settled).accounts)).toEqual({ A: [1234, 1234], B: [5.5, 5.5] });
  });

  it('refuses a file that uses both decimal marks', () => {
    const r = score(csvFile('id\tname\trevenue_2024\na\tA\t12.5\nb\tB\t5,5\n', 'export.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export\.txt:2: column revenue_2024 "12\.5" has a decimal point, but line 3, column revenue_2024 "5,5" a decimal comma: the number cells use both decimal marks/);
  });

  it('with --decimal given, a cell in the other convention is a bad row with a hint', () => {
    const r = score(csvFile('id,name,revenue_2024\na,A,"1,5"\nb,B,7\n'), ['--decimal', '.']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/export\.csv:2: row column revenue_2024: "1,5" is a number only with a decimal comma/);
    expect(r.stderr).toMatch(/hint: pass --decimal ,/);
  });

  it('when every row is bad, prints the reasons and a hint, not only "no usable data rows"', () => {
    const r = score(csvFile('id,name,revenue_2024\na,A,about 5k\nb,B,n/a\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no usable data rows/);
    expect(r.stderr).toMatch(/export\.csv:2: row column revenue_2024: "about 5k" is not a number/);
    expect(r.stderr).toMatch(/export\.csv:3: row column revenue_2024: "n\/a" is not a number/);
    expect(r.stderr).toMatch(/hint: format the number cells as General/);
  });

  it('a number too large for a double (1e400) is a bad cell, never full credit with the input shown as missing', () => {
    const r = score(csvFile('id,name,revenue_2024,influence\na,A,1e400,1\nb,B,5000,1e999\nc,C,7000,2\n'));
    expect(r.code).toBe(0);
    expect(r.accounts.map((a) => a.id)).toEqual(['c']);
    expect(r.stderr).toMatch(/export\.csv:2: row column revenue_2024: "1e400" is not a number/);
    expect(r.stderr).toMatch(/export\.csv:3: row column influence: "1e999" is not a number/);
  });

  it('refuses amounts in two currencies, and in another currency than kam.yaml', () => {
    const mixed = score(csvFile('id,name,revenue_2024\na,A,$5\nb,B,€7\n'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/export\.csv:2: column revenue_2024 "\$5" is in \$, but line 3, column revenue_2024 "€7" in €: the amounts are in two currencies/);
    const file = csvFile('id,name,revenue_2024\na,A,"¥8,500,000"\n');
    expect(score(file, [], workspace('version: 1\ncurrency: CNY\n')).code).toBe(0);
    const wrong = score(file, [], workspace('version: 1\ncurrency: EUR\n'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/is in ¥, but kam\.yaml says currency: EUR/);
  });
});

describe('encodings', () => {
  it('reads a cp1252 German export only as windows-1252, and the hint says so (not gb18030)', () => {
    const bare = score(exports('clients-cp1252.csv'));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/clients-cp1252\.csv:2:7: .*0xFC/);
    expect(bare.stderr).toContain('--encoding windows-1252');
    expect(bare.stderr).not.toContain('--encoding gb18030');
    const r = score(exports('clients-cp1252.csv'), ['--encoding', 'windows-1252']);
    expect(r.code, r.stderr).toBe(0);
    expect(revenues(r.accounts)).toMatchObject({
      'Müller & Söhne GmbH': [1234567.5, 2134567.5],
      'Société Générale': [2750000, 5250000],
      'Größe & Co. KG – Köln': [75000, 75000],
    });
    expect(r.stderr).not.toMatch(/guess|decimal comma \(/); // "1.234.567,50" settles the decimal comma
  });

  it('following a wrong --encoding gb18030 on a cp1252 file is flagged, not silent', () => {
    const r = kam(['score', '--data', exports('clients-cp1252.csv'), '--encoding', 'gb18030'], { cwd: tmpdir() });
    expect(r.stderr).toContain('windows-1252');
  });

  it('detects UTF-16 (LE and BE) by its byte order mark: Excel "Unicode Text"', () => {
    for (const name of ['clients-utf16le.txt', 'clients-utf16be-bom.txt']) {
      const r = score(exports(name));
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(revenues(r.accounts)).toEqual({
        中国移动广东公司: [1500000, 2700000],
        'Müller & Söhne GmbH': [1234567, 2134567],
        'Société Générale': [2750000, 5250000],
        'Ångström AB': [480501, 930501],
      });
    }
  });

  it('reads Chinese Excel\'s GB18030 CSV with its formatted numbers, and Excel\'s "CSV UTF-8" with its BOM', () => {
    const cn = score(exports('clients-gb18030.csv'), ['--encoding', 'gb18030']);
    expect(cn.code, cn.stderr).toBe(0);
    expect(revenues(cn.accounts)).toMatchObject({ 华为技术有限公司: [3100000, 5445678], 深圳市腾讯计算机系统有限公司: [950000, 1750000], '北京字节跳动科技有限公司（华南区）': [450000, 450000] });
    const bare = score(exports('clients-gb18030.csv'));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/clients-gb18030\.csv:2:6: .*--encoding gb18030/);
    const bom = score(exports('clients-utf8-bom.csv'));
    expect(bom.code, bom.stderr).toBe(0);
    expect(bom.accounts.map((a) => a.name)).toContain('Acme "Global", Inc.');
    expect(bom.accounts.map((a) => a.id)).not.toContain('\ufeffid');
  });

  it('names UTF-16 without a byte order mark and what to pass', () => {
    const r = score(exports('clients-utf16le-nobom.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--encoding utf-16le');
    expect(score(exports('clients-utf16le-nobom.txt'), ['--encoding', 'utf-16le']).accounts).toHaveLength(4);
  });

  it('takes data.encoding from kam.yaml (a consultant re-runs the same export), and a BOM still wins', () => {
    const ws = workspace('version: 1\ndata:\n  encoding: gb18030\n');
    const r = score(exports('clients-gb18030.csv'), [], ws);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accounts.map((a) => a.name)).toContain('中国移动广东公司');
    const bom = score(exports('clients-utf16le.txt'), [], ws);
    expect(bom.code).toBe(0);
    expect(bom.stderr).toMatch(/byte order mark/);
  });

  it('a FIFO or a device given as --data is refused at once, never waited on or read forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-client-'));
    const fifo = join(dir, 'export.csv');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      const r = spawnSync(process.execPath, [BIN, 'score', '--data', file], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
      expect(r.status, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
  });

  it('an .xlsx given where a CSV is expected is read as a workbook, not as bad UTF-8', () => {
    const r = score(workbooks('clients-libreoffice.xlsx'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/UTF-8/);
  });
});

describe('rows and columns', () => {
  it('skips rows of empty cells silently, also with --strict', () => {
    const r = score(exports('clients-empty-rows.csv'), ['--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accounts).toHaveLength(3);
    expect(r.stderr).not.toMatch(/bad row|skipped/);
  });

  it('reads CR-only line ends (old Mac Excel)', () => {
    const r = score(exports('clients-cr.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.accounts.map((a) => a.name)).toContain('Bay Area Tools, Inc.');
    expect(r.accounts).toHaveLength(3);
  });

  it('two columns that feed one field: exit 2 naming both; an explicit mapping wins over a look-alike', () => {
    const file = csvFile('id,name,revenue_2024,Revenue 2024\na,A,5,7\n');
    const r = score(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two columns feed one field: revenue_2024 \("revenue_2024" and "Revenue 2024"\)/);
    const mapped = csvFile('id,name,Umsatz 2024,Revenue 2024\na,A,5000,7000\n');
    const ws = workspace('version: 1\ndata:\n  columns: { Umsatz 2024: revenue_2024 }\n');
    const m = score(mapped, [], ws);
    expect(m.code, m.stderr).toBe(0);
    expect(revenues(m.accounts)).toEqual({ A: [5000, 5000] });
    expect(m.stderr).toMatch(/column "Revenue 2024" is not read: data\.columns maps "Umsatz 2024" onto revenue_2024/);
  });
});

describe('what Excel adds to exports', () => {
  it('takes the delimiter from a "sep=;" first line, and skips a totals row under the accounts', () => {
    const r = score(csvFile('sep=;\nid;name;revenue_2024\n;Acme;1.000\n;Globex;2.500\n;Gesamt;3.500\n'), ['--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(revenues(r.accounts)).toEqual({ Acme: [1000, 1000], Globex: [2500, 2500] });
    expect(r.stderr).toMatch(/export\.csv:5: "Gesamt" is a totals row, not an account/);
    const cn = score(csvFile('name,revenue_2024\n中国移动,100\n中国联通,50\n合计：,150\n'));
    expect(cn.accounts.map((a) => a.name).sort()).toEqual(['中国移动', '中国联通'].sort());
  });
});

describe('other export habits', () => {
  it('reads ="…" cells, extra empty fields at the end of rows, and names headers that look like revenue', () => {
    const r = score(csvFile('id,name,revenue_2024\na,A,="12000",\nb,B,7000,,\n'), ['--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(revenues(r.accounts)).toEqual({ A: [12000, 12000], B: [7000, 7000] });
    const unmapped = score(csvFile('id,name,Revenue 2024 (CNY)\na,A,5\n'));
    expect(unmapped.stderr).toMatch(/"Revenue 2024 \(CNY\)" name a year; .*data\.columns: \{ "Revenue 2024 \(CNY\)": revenue_2024 \}/);
  });

  it('kam report --data reads a workbook as score does', () => {
    const out = join(workspace(), 'report.html');
    const r = kam(['report', '--data', workbooks('clients-libreoffice.xlsx'), '-o', 'report.html'], { cwd: join(out, '..') });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('中国移动广东公司');
  });
});

describe('one id rule for score --data, import and new', () => {
  const rows = ['id,name,revenue_2024,influence', ',ACME Telecom,5000000,4', 'ACME_01,Acme Europe,4000000,3', ',中国移动广东公司,9000000,5', ',Müller & Söhne GmbH,3000000,2'];

  it('ids come from the id cell (slugged) or the name, never from line numbers: a re-sorted export gives the same ids', () => {
    const ids = (lines: string[]) => Object.fromEntries(score(csvFile(`${lines.join('\n')}\n`)).accounts.map((a) => [a.name, a.id]));
    const first = ids(rows);
    expect(first).toMatchObject({ 'ACME Telecom': 'acme-telecom', 'Acme Europe': 'acme-01', 'Müller & Söhne GmbH': 'muller-sohne-gmbh' });
    expect(first['中国移动广东公司']).toBe('zhong-guo-yi-dong-guang-dong-gong-si');
    expect(ids([rows[0]!, ...rows.slice(1).reverse()])).toEqual(first);
  });

  it('the id in the score table is the id of the plan import writes, and of the plan new writes', () => {
    const ws = workspace('version: 1\n');
    const file = csvFile(`${rows.join('\n')}\n`);
    const scored = Object.fromEntries(score(file, [], ws).accounts.map((a) => [a.name, a.id]));
    const r = kam(['import', file, '--top', '10', '--as-of', '2026-12-01'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const planIds = Object.fromEntries(
      readdirSync(join(ws, 'accounts')).map((f) => {
        const text = readFileSync(join(ws, 'accounts', f), 'utf8');
        return [/^name: (.*)$/m.exec(text)![1]!.replace(/^"|"$/g, ''), /^id: (.*)$/m.exec(text)![1]!];
      }),
    );
    expect(planIds).toEqual(scored);
    expect(existsSync(join(ws, 'accounts', 'zhong-guo-yi-dong-guang-dong-gong-si.yaml'))).toBe(true);
    const fresh = workspace('version: 1\n');
    const n = kam(['new', '中国移动广东公司', '--yes', '--as-of', '2026-12-01'], { cwd: fresh });
    expect(n.code, n.stderr).toBe(0);
    expect(readFileSync(join(fresh, 'accounts', 'zhong-guo-yi-dong-guang-dong-gong-si.yaml'), 'utf8')).toContain(`id: ${scored['中国移动广东公司']}`);
  });

  it('a negative amount is one rule in score and import, reported at the cell', () => {
    const ws = workspace('version: 1\n');
    const file = csvFile('id,name,revenue_2024\na,A,5000\nb,B,-7\n');
    for (const args of [['score', '--data', file], ['import', file, '--top', '5', '--dry-run']]) {
      const r = kam(args, { cwd: ws });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/export\.csv:3: row column revenue_2024: -7 is negative/);
    }
  });
});

describe('Excel workbooks', () => {
  it('reads a LibreOffice-written workbook: the sheet with an id/name header, numbers whatever their format, formulas by cached value', () => {
    const r = score(workbooks('clients-libreoffice.xlsx'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.accounts.map((a) => a.name)).toContain('中国移动广东公司');
  });

  it('--sheet picks a sheet by name or number; an unknown one lists the sheets', () => {
    const file = workbooks('clients-libreoffice.xlsx');
    expect(score(file, ['--sheet', '2']).code).toBe(0);
    expect(score(file, ['--sheet', 'Clients']).code).toBe(0);
    const r = score(file, ['--sheet', 'Kunden']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Clients/);
    const first = score(file, ['--sheet', '1']);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/no "id" or "name" column/);
  });

  it('refuses an .xls, an .ods and a ZIP that is not a workbook, saying what to do', () => {
    for (const name of ['legacy.xls', 'clients.ods']) {
      const r = score(workbooks(name));
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(/save .*as \.xlsx or CSV UTF-8/);
    }
  });

  it('import reads the workbook the same way score does', () => {
    const ws = workspace('version: 1\n');
    const r = kam(['import', workbooks('clients-libreoffice.xlsx'), '--top', '2', '--dry-run', '--as-of', '2026-12-01'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/would create/);
  });
});
