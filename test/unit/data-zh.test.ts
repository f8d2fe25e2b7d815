// The messages of client-data reading in Chinese: they name the same file, line, column and cell
// as the English ones, and an error keeps its English text (its `message`) whatever the locale.
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { ENGLISH, i18n, setTranslator, translatorFor } from '../../src/i18n/index.js';
import { sniffContainer } from '../../src/tabular/container.js';
import { chooseEncoding, decodeFailureMessage, lookOfBytes, placeOf } from '../../src/tabular/encoding.js';
import { DataInputError, render, text } from '../../src/tabular/messages.js';
import { decideDecimal, noEvidence, noteNumber, NumberKind } from '../../src/tabular/numbers.js';
import { readCsv, type CsvSource } from '../../src/tabular/csv.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const dir = mkdtempSync(join(tmpdir(), 'kam-data-zh-'));

beforeEach(async () => setTranslator(await translatorFor('zh-CN')));
afterEach(() => setTranslator(ENGLISH));

describe('encodings in Chinese', () => {
  it('a byte that is not valid names its line and column, and the encoding it looks like', () => {
    // "id,name\nC001,中国\n" in GB18030, read as UTF-8.
    const data = Buffer.concat([Buffer.from('id,name\nC001,'), Buffer.from([0xd6, 0xd0, 0xb9, 0xfa]), Buffer.from('\n')]);
    const at = data.indexOf(0xd6);
    const message = decodeFailureMessage('export.csv', 'utf-8', placeOf(data.subarray(0, at), 'utf-8'), data[at]!, data);
    expect(message).toBe(
      'export.csv 第 2 行第 6 列：字节 0xD6 不是有效的 UTF-8；文件看起来是 GB18030（中文版 Excel 另存的“CSV（逗号分隔）”）：' +
        '0x80–0xFF 的字节中有 100% 成对出现，如 0xD6 0xD0（在 GB18030 中是“中”）；请加上 --encoding gb18030（需要反复运行时，可在 kam.yaml 中设置 data.encoding: gb18030）',
    );
    setTranslator(ENGLISH);
    expect(decodeFailureMessage('export.csv', 'utf-8', placeOf(data.subarray(0, at), 'utf-8'), data[at]!, data)).toMatch(/^export\.csv:2:6: byte 0xD6 is not valid UTF-8; the file looks like GB18030/);
  });

  it('says what the bytes look like, with the counts of the English evidence', () => {
    expect(lookOfBytes(Buffer.from('id,name\r\n')).why).toBe('它只含 ASCII 字节，在大多数编码下读出来都一样');
    expect(lookOfBytes(Buffer.from('a\tb\r\n', 'utf16le'))).toEqual({ likely: 'utf-16le', why: '每隔一个字节就是 0（奇数位置 5 个中有 5 个）' });
    expect(lookOfBytes(Buffer.from('M\xfcller,K\xf6ln\n', 'latin1')).why).toBe('0xFC（“ü”）、0xF6（“ö”）之类的字节单独出现在 ASCII 字母之间');
  });

  it('the note of a byte order mark over --encoding, and an unknown encoding, in Chinese', () => {
    expect(chooseEncoding('export.txt', bytes(0xff, 0xfe, 0x69, 0x00), { flag: 'gb18030' }).note).toBe(
      'kam: export.txt 以 UTF-16LE 字节顺序标记开头，因此按 UTF-16LE 读取，而不是 gb18030（--encoding）',
    );
    let thrown: unknown;
    try {
      chooseEncoding('a.csv', bytes(0x41), { config: 'latin-9x' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    const error = thrown as UsageError;
    expect(i18n().render(error.text!)).toBe('kam.yaml data.encoding: latin-9x：无法识别的编码；请使用 utf-8, gb18030, windows-1252, shift_jis, utf-16le 等编码');
    // Its message stays English (what --debug and machine outputs see).
    expect(error.message).toBe('kam.yaml data.encoding: latin-9x: unknown encoding; use e.g. utf-8, gb18030, windows-1252, shift_jis, utf-16le');
  });
});

describe('decimal marks in Chinese', () => {
  const evidence = (kinds: [NumberKind, string][], ref?: string) => {
    const e = noEvidence();
    kinds.forEach(([k, cell], i) => noteNumber(e, k, undefined, () => ({ line: i + 2, column: 'revenue_2024', text: cell, ...(ref ? { ref: `${ref}${i + 2}` } : {}) })));
    return e;
  };

  it('an ambiguous cell nothing settles is refused at its line and column', () => {
    const open = decideDecimal('x.txt', evidence([[NumberKind.Ambiguous, '1.234']]), undefined, '\t') as { error: string };
    expect(open.error).toBe(
      'x.txt 第 2 行 revenue_2024 列的“1.234”既可以按“.”作小数点读，也可以按“,”作小数点读，而文件中没有任何线索说明是哪一种；请加上 --decimal . 或 --decimal ,（也可在 kam.yaml 中设置 data.decimal）',
    );
  });

  it('a workbook cell keeps its reference (Clients!B2), and a file with both marks names both cells', () => {
    const both = decideDecimal('x.xlsx', evidence([[NumberKind.Point, '12.5'], [NumberKind.Comma, '1,5']], 'Clients!B'), undefined, undefined) as { error: string };
    expect(both.error).toMatch(/^x\.xlsx 单元格 Clients!B2（revenue_2024 列）的“12\.5”以“\.”作小数点，而单元格 Clients!B3（revenue_2024 列）的“1,5”以“,”作小数点：/);
  });

  it('the guess from a semicolon says which cell it read so', () => {
    const guess = decideDecimal('de.csv', evidence([[NumberKind.Ambiguous, '900.000']]), undefined, ';') as { mark: string; note: string };
    expect(guess.mark).toBe(',');
    expect(guess.note).toContain('按“,”作小数点读取数值（“900.000”即九十万），如 de.csv 第 2 行 revenue_2024 列的“900.000”');
  });
});

describe('files kam refuses, in Chinese', () => {
  it('an old .xls and an encrypted workbook say what to do', () => {
    const path = join(dir, 'legacy.xls');
    writeFileSync(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    const fd = openSync(path, 'r');
    try {
      const container = sniffContainer(fd, 'legacy.xls');
      expect(container.kind === 'refused' && container.message).toBe(
        'legacy.xls：这是 Excel 97–2003 工作簿（.xls）；kam 只读取 .xlsx 和 CSV：请在 Excel 或 LibreOffice 中打开，另存为 .xlsx 或 CSV UTF-8',
      );
      expect(container.kind === 'refused' && render(ENGLISH, container.text)).toBe(
        'legacy.xls: an Excel 97–2003 workbook (.xls); kam reads .xlsx and CSV: open it in Excel or LibreOffice and save as .xlsx or CSV UTF-8',
      );
    } finally {
      closeSync(fd);
    }
  });
});

describe('errors as data', () => {
  it('an error made in English (a worker thread) renders in Chinese on the main thread, from its data alone', () => {
    setTranslator(ENGLISH);
    const made = new DataInputError(text('data.record-too-long', { file: 'big.csv', line: 7, mib: 64 }));
    expect(made.message).toBe('big.csv:7: a record longer than 64 MiB: a quote left open?');
    // What postMessage sends: a structured clone of the data.
    const data = structuredClone(made.data);
    return translatorFor('zh-CN').then((zh) => {
      setTranslator(zh);
      const again = new DataInputError(data);
      expect(again).toBeInstanceOf(InputError);
      expect(i18n().render(again.text!)).toBe('big.csv 第 7 行：一条记录超过了 64 MiB：是不是有引号没有闭合？');
      expect(again.message).toBe(made.message);
    });
  });

  it('the CSV reader throws the Chinese message at the line and column of the bad byte, its message English', () => {
    const path = join(dir, 'broken.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('id,name\nc1,ok\nc2,M'), Buffer.from([0xfc]), Buffer.from('ller\n')]));
    const source: CsvSource = { kind: 'csv', path, file: 'broken.csv', encoding: 'utf-8', crLines: false, delimiter: ',' };
    const fd = openSync(path, 'r');
    let thrown: unknown;
    try {
      readCsv(fd, source, '.', () => {});
    } catch (err) {
      thrown = err;
    } finally {
      closeSync(fd);
    }
    expect(thrown).toBeInstanceOf(DataInputError);
    const error = thrown as DataInputError;
    expect(i18n().render(error.text!)).toMatch(/^broken\.csv 第 3 行第 5 列：字节 0xFC 不是有效的 UTF-8；文件看起来是 windows-1252（西欧语言版 Excel 另存的“CSV（逗号分隔）”）：/);
    expect(error.message).toMatch(/^broken\.csv:3:5: byte 0xFC is not valid UTF-8; the file looks like windows-1252 \(Western European Excel's "CSV \(Comma delimited\)"\)/);
  });
});
