// Encodings of client exports: the choice (BOM > --encoding > kam.yaml > UTF-8), the look of
// bytes behind the hint, and the place of the first bad byte. The fixtures are files as Excel
// saves them (test/fixtures/exports/README.md).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { chooseEncoding, decodeFailureMessage, firstUndecodable, lookOfBytes, placeOf, type BytesLook } from '../../src/tabular/encoding.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/exports/${name}`, import.meta.url)));
const bytes = (...list: number[]): Uint8Array => Uint8Array.from(list);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le').swap16());

// windows-1252 is Latin-1 but for 0x80–0x9F; these are the ones the tests use.
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96, 'Š': 0x8a, 'Œ': 0x8c };
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => CP1252_EXTRA[c] ?? c.charCodeAt(0));
}

/** Lines of a fixture as bytes, without their CRLF. */
function lines(file: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i + 1 < file.length; i++) {
    if (file[i] === 0x0d && file[i + 1] === 0x0a) {
      out.push(file.subarray(start, i));
      start = i + 2;
    }
  }
  return out;
}

const strictly = (data: Uint8Array, encoding: string): string => new TextDecoder(encoding, { fatal: true }).decode(data, { stream: true });

describe('chooseEncoding', () => {
  const none = {};

  it('follows a byte order mark', () => {
    expect(chooseEncoding('a.csv', bytes(0xef, 0xbb, 0xbf, 0x69), none)).toEqual({ encoding: 'utf-8', bomLength: 3, source: 'bom' });
    expect(chooseEncoding('a.txt', bytes(0xff, 0xfe, 0x69, 0x00), none)).toEqual({ encoding: 'utf-16le', bomLength: 2, source: 'bom' });
    expect(chooseEncoding('a.txt', bytes(0xfe, 0xff, 0x00, 0x69), none)).toEqual({ encoding: 'utf-16be', bomLength: 2, source: 'bom' });
    expect(chooseEncoding('a.txt', bytes(0xff, 0xfe), none)).toEqual({ encoding: 'utf-16le', bomLength: 2, source: 'bom' });
  });

  it('without a BOM, takes the flag, else kam.yaml, else UTF-8, by TextDecoder name', () => {
    const head = utf8('id,name');
    expect(chooseEncoding('a.csv', head, none)).toEqual({ encoding: 'utf-8', bomLength: 0, source: 'default' });
    expect(chooseEncoding('a.csv', head, { config: 'GBK' })).toEqual({ encoding: 'gbk', bomLength: 0, source: 'config' });
    expect(chooseEncoding('a.csv', head, { flag: 'latin1' })).toEqual({ encoding: 'windows-1252', bomLength: 0, source: 'flag' });
    expect(chooseEncoding('a.csv', head, { flag: 'cp1252', config: 'gb18030' })).toEqual({ encoding: 'windows-1252', bomLength: 0, source: 'flag' });
    expect(chooseEncoding('a.csv', head, { flag: undefined, config: 'Shift_JIS' })).toEqual({ encoding: 'shift_jis', bomLength: 0, source: 'config' });
    expect(chooseEncoding('a.csv', new Uint8Array(0), none).encoding).toBe('utf-8');
  });

  it('lets the BOM win over the flag and kam.yaml, with a note when they say otherwise', () => {
    expect(chooseEncoding('export.txt', bytes(0xff, 0xfe, 0x69, 0x00), { flag: 'gb18030' })).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
      source: 'bom',
      note: 'kam: export.txt starts with a UTF-16LE byte order mark; read as UTF-16LE, not gb18030 (--encoding)',
    });
    expect(chooseEncoding('export.csv', bytes(0xef, 0xbb, 0xbf), { config: 'windows-1252' }).note).toBe(
      'kam: export.csv starts with a UTF-8 byte order mark; read as UTF-8, not windows-1252 (kam.yaml data.encoding)',
    );
    expect(chooseEncoding('export.txt', bytes(0xfe, 0xff), { flag: 'utf-16', config: 'gbk' }).note).toBe(
      'kam: export.txt starts with a UTF-16BE byte order mark; read as UTF-16BE, not utf-16 (--encoding)',
    );
  });

  it('has no note when the BOM agrees with what was asked', () => {
    expect(chooseEncoding('a.csv', bytes(0xef, 0xbb, 0xbf), { flag: 'UTF8' })).toEqual({ encoding: 'utf-8', bomLength: 3, source: 'bom' });
    expect(chooseEncoding('a.txt', bytes(0xff, 0xfe), { config: 'utf-16' })).toEqual({ encoding: 'utf-16le', bomLength: 2, source: 'bom' });
  });

  it('refuses an unknown label, saying where it came from', () => {
    const head = utf8('id');
    expect(() => chooseEncoding('a.csv', head, { flag: 'latin-9x' })).toThrow(UsageError);
    expect(() => chooseEncoding('a.csv', head, { flag: 'latin-9x' })).toThrow(
      '--encoding latin-9x: unknown encoding; use e.g. utf-8, gb18030, windows-1252, shift_jis, utf-16le',
    );
    expect(() => chooseEncoding('a.csv', head, { config: 'latin-9x' })).toThrow(
      'kam.yaml data.encoding: latin-9x: unknown encoding; use e.g. utf-8, gb18030, windows-1252, shift_jis, utf-16le',
    );
    expect(() => chooseEncoding('a.csv', head, { flag: 'utf-32' })).toThrow(UsageError); // Node has no UTF-32 decoder
    expect(() => chooseEncoding('a.csv', bytes(0xef, 0xbb, 0xbf), { flag: 'latin-9x' })).toThrow(UsageError); // a typo is a typo, BOM or not
    expect(() => chooseEncoding('a.csv', head, { flag: 'gb18030', config: 'latin-9x' })).not.toThrow(); // kam.yaml is not in effect
  });

  it('refuses UTF-32', () => {
    expect(() => chooseEncoding('a.txt', bytes(0xff, 0xfe, 0x00, 0x00, 0x69, 0, 0, 0), none)).toThrow(InputError);
    expect(() => chooseEncoding('a.txt', bytes(0x00, 0x00, 0xfe, 0xff), none)).toThrow('a.txt starts with a UTF-32BE byte order mark: UTF-32 is not supported; save it as UTF-8');
  });

  it('reads the fixtures as Excel wrote them', () => {
    const choice = (name: string, asked = {}) => chooseEncoding(name, fixture(name).subarray(0, 4), asked);
    expect(choice('clients-utf8-bom.csv')).toMatchObject({ encoding: 'utf-8', bomLength: 3, source: 'bom' });
    expect(choice('clients-utf16le.txt')).toMatchObject({ encoding: 'utf-16le', bomLength: 2, source: 'bom' });
    expect(choice('clients-utf16be-bom.txt')).toMatchObject({ encoding: 'utf-16be', bomLength: 2, source: 'bom' });
    expect(choice('clients-utf16le-nobom.txt', { flag: 'utf-16le' })).toMatchObject({ encoding: 'utf-16le', bomLength: 0, source: 'flag' });
    expect(choice('clients-gb18030.csv', { config: 'gb18030' })).toMatchObject({ encoding: 'gb18030', bomLength: 0, source: 'config' });
    expect(choice('clients-cp1252.csv')).toMatchObject({ encoding: 'utf-8', bomLength: 0, source: 'default' });
  });
});

describe('lookOfBytes', () => {
  it.each([
    ['clients-gb18030.csv', 'gb18030'],
    ['clients-cp1252.csv', 'windows-1252'],
    ['clients-utf16le.txt', 'utf-16le'],
    ['clients-utf16be-bom.txt', 'utf-16be'],
    ['clients-utf16le-nobom.txt', 'utf-16le'],
    ['clients-utf8-bom.csv', 'utf-8'],
    ['clients-cr.csv', undefined],
    ['clients-empty-rows.csv', undefined],
  ] as const)('%s looks like %s', (name, likely) => {
    expect(lookOfBytes(fixture(name)).likely).toBe(likely);
  });

  it('sees what the fixtures are without their BOM', () => {
    expect(lookOfBytes(fixture('clients-utf8-bom.csv').subarray(3))).toEqual({ likely: 'utf-8', why: 'it is valid UTF-8, with 12 multi-byte characters like "中"' });
    expect(lookOfBytes(fixture('clients-utf16le.txt').subarray(2)).likely).toBe('utf-16le');
    expect(lookOfBytes(fixture('clients-utf16be-bom.txt').subarray(2)).likely).toBe('utf-16be');
    expect(lookOfBytes(fixture('clients-utf16le-nobom.txt')).why).toMatch(/^every second byte is 0 \(\d+ of \d+ at odd offsets\)$/);
  });

  const western = [
    'Müller & Söhne GmbH',
    'Société Générale',
    'Ångström AB',
    'Größe & Co. KG – Köln',
    'Café Crème SARL',
    '12.000.000 €',
    'Zürich Versicherung',
    'Wärtsilä Oyj',
    'Peñarol',
    'L’Oréal',
    'Škoda a.s.',
    'Nestlé',
    'MÜLLER',
  ];

  it.each(western)('recognises windows-1252 in %s, alone and in a German CSV row', (name) => {
    expect(lookOfBytes(cp1252(name)).likely).toBe('windows-1252');
    expect(lookOfBytes(cp1252(`D001;${name};1.234.567,50;900.000;;4\r\n`)).likely).toBe('windows-1252');
  });

  it('says windows-1252 even where the bytes decode as GB18030 (the old hint sent users there)', () => {
    for (const name of ['Müller & Söhne GmbH', 'Ångström AB', 'Zürich Versicherung', 'Peñarol', 'Nestlé', 'MÜLLER', '12.000.000 €']) {
      expect(() => strictly(cp1252(name), 'gb18030')).not.toThrow();
      expect(lookOfBytes(cp1252(name)).likely).toBe('windows-1252');
    }
    expect(strictly(cp1252('Müller'), 'gb18030')).toBe('M黮ler');
    expect(lookOfBytes(cp1252('Müller')).why).toBe('bytes like 0xFC "ü" stand alone between ASCII letters');
  });

  it('recognises GBK rows of Chinese Excel', () => {
    const rows = lines(fixture('clients-gb18030.csv')).slice(1);
    expect(strictly(rows[0]!, 'gb18030')).toBe('C001,中国移动广东公司,1200000,1500000,8000000,5');
    for (const row of rows) expect(lookOfBytes(row).likely).toBe('gb18030');
    expect(lookOfBytes(rows[0]!).why).toBe('100% of its bytes 0x80–0xFF come in pairs like 0xD6 0xD0 ("中" in GB18030)');
  });

  it('recognises Shift_JIS', () => {
    const sample = bytes(0x31, 0x2c, 0x8a, 0x94, 0x8e, 0xae, 0x89, 0xef, 0x8e, 0xd0, 0x83, 0x5c, 0x83, 0x6a, 0x81, 0x5b, 0x2c, 0x35);
    expect(strictly(sample, 'shift_jis')).toBe('1,株式会社ソニー,5');
    expect(lookOfBytes(sample).likely).toBe('shift_jis');
  });

  it('recognises UTF-16 without BOM from where its 0 bytes are', () => {
    const text = 'C001\t中国移动广东公司\t1,200,000\r\nD001\tMüller & Söhne GmbH\t900,000\r\n';
    expect(lookOfBytes(utf16le(text)).likely).toBe('utf-16le');
    expect(lookOfBytes(utf16be(text)).likely).toBe('utf-16be');
    expect(lookOfBytes(utf16le('1,中国移动,广东\r\n')).likely).toBe('utf-16le');
  });

  it('says binary for workbooks, NUL bytes out of the UTF-16 pattern and control bytes', () => {
    expect(lookOfBytes(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00))).toEqual({ likely: 'binary', why: 'it starts like a ZIP archive, as an Excel workbook (.xlsx) does' });
    expect(lookOfBytes(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00)).likely).toBe('binary');
    expect(lookOfBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48)).likely).toBe('binary');
    expect(lookOfBytes(utf8('a,b\x01\x02\x03,c\r\n')).likely).toBe('binary');
    expect(lookOfBytes(utf8('id,name\r\n1,a\tb\r\n\x1a')).likely).toBe(undefined); // DOS end-of-file mark
  });

  it('has no opinion on ASCII, on nothing, or on too little', () => {
    const none = (sample: Uint8Array): BytesLook['likely'] => lookOfBytes(sample).likely;
    expect(lookOfBytes(utf8('id,name\r\n'))).toEqual({ likely: undefined, why: 'it has only ASCII bytes, which read the same in most encodings' });
    expect(none(new Uint8Array(0))).toBe(undefined);
    expect(none(bytes(0x31, 0x2c, 0xcd, 0xf5, 0x2c))).toBe(undefined); // one hanzi (王) or two Latin-1 signs
    expect(none(bytes(0x41, 0x81, 0x41))).toBe(undefined);
  });

  it('says UTF-8 of UTF-8, even cut inside a character at either end', () => {
    const text = utf8('C001,中国移动广东公司,Müller');
    expect(lookOfBytes(text).likely).toBe('utf-8');
    expect(lookOfBytes(text.subarray(7, text.length - 1)).likely).toBe('utf-8');
    expect(lookOfBytes(cp1252('café')).likely).toBe('windows-1252'); // 0xE9 at the end could start UTF-8, but nothing proves it
  });
});

describe('decodeFailureMessage', () => {
  /** The message kam gives when it reads a fixture in `inUse`, or undefined when it decodes. */
  function failure(name: string, inUse: string, skip = 0): string | undefined {
    const data = fixture(name).subarray(skip);
    const at = firstUndecodable(data, inUse, false);
    if (at === -1) return undefined;
    return decodeFailureMessage(name, inUse, placeOf(data.subarray(0, at), inUse), data[at]!, data.subarray(0, at + 64));
  }

  it('names the place and the byte, and sends a windows-1252 file to windows-1252', () => {
    const message = failure('clients-cp1252.csv', 'utf-8')!;
    expect(message).toBe(
      'clients-cp1252.csv:2:7: byte 0xFC is not valid UTF-8; the file looks like windows-1252 (Western European Excel\'s "CSV (Comma delimited)"): ' +
        'bytes like 0xFC "ü", 0xF6 "ö", 0xE9 "é" stand alone between ASCII letters; pass --encoding windows-1252 (or set data.encoding: windows-1252 in kam.yaml for repeated runs)',
    );
    expect(failure('clients-cp1252.csv', 'gb18030')).toMatch(/^clients-cp1252\.csv:3:11: byte 0xE9 is not valid GB18030; the file looks like windows-1252 .*pass --encoding windows-1252/);
  });

  it('sends a GBK file to gb18030, a UTF-16 one to utf-16le', () => {
    expect(failure('clients-gb18030.csv', 'utf-8')).toMatch(/^clients-gb18030\.csv:2:6: byte 0xD6 is not valid UTF-8; the file looks like GB18030 .*; pass --encoding gb18030 \(or set data\.encoding: gb18030 in kam\.yaml/);
    expect(failure('clients-utf16le-nobom.txt', 'utf-8')).toMatch(/the file looks like UTF-16LE \(Excel's "Unicode Text"\): every second byte is 0 .*; pass --encoding utf-16le/);
  });

  it('tells a user who passed --encoding for a UTF-8 file to drop it', () => {
    // 王 is E7 8E 8B: GB18030 reads E7 8E as one character, then 8B cannot pair with ",".
    const data = utf8('id,name\r\nC005,王,1000\r\n');
    const at = firstUndecodable(data, 'gb18030', false);
    expect(at).toBe(16);
    expect(decodeFailureMessage('export.csv', 'gb18030', placeOf(data.subarray(0, at), 'gb18030'), data[at]!, data)).toBe(
      'export.csv:2:7: byte 0x8B is not valid GB18030; the file looks like UTF-8: it is valid UTF-8, with 1 multi-byte character like "王"; ' +
        'drop --encoding (UTF-8 is the default), or pass --encoding utf-8 if data.encoding in kam.yaml says otherwise',
    );
  });

  it('cannot help when a UTF-8 file decodes as GB18030 (the caller may compare lookOfBytes with the encoding in use)', () => {
    const data = fixture('clients-utf8-bom.csv').subarray(3);
    expect(firstUndecodable(data, 'gb18030', false)).toBe(-1);
    expect(lookOfBytes(data).likely).toBe('utf-8');
  });

  it('says "not a text file" of a binary', () => {
    const xlsx = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee);
    expect(decodeFailureMessage('clients.xlsx', 'utf-8', { offset: 15 }, 0xee, xlsx)).toBe(
      'clients.xlsx (byte 15): byte 0xEE is not valid UTF-8; this is not a text file: it starts like a ZIP archive, as an Excel workbook (.xlsx) does; ' +
        'save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8) and give kam that',
    );
  });

  it('asks to save as CSV UTF-8 when the bytes say nothing', () => {
    expect(decodeFailureMessage('export.csv', 'utf-8', { offset: 1234 }, 0x81, bytes(0x41, 0x81, 0x41))).toBe(
      'export.csv (byte 1234): byte 0x81 is not valid UTF-8; kam cannot tell the encoding: its bytes 0x80–0xFF are in no pattern kam recognises; ' +
        'save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8), or pass --encoding <the encoding it was saved in> (or set data.encoding in kam.yaml for repeated runs)',
    );
  });

  it('does not suggest the encoding in use when the bytes look like it', () => {
    const message = decodeFailureMessage('a.txt', 'utf-16le', { line: 2, column: 5 }, 0xdc, utf16le('a\tb\r\nc\td\r\n'));
    expect(message).toMatch(/^a\.txt:2:5: byte 0xDC is not valid UTF-16LE; the bytes around it otherwise look right, so the file may be damaged there; save the file as CSV UTF-8/);
    expect(decodeFailureMessage('a.csv', 'UTF8', { offset: 0 }, 0x80, bytes(0x80))).not.toContain('--encoding utf-8');
  });

  const inUse = ['utf-8', 'gb18030', 'gbk', 'windows-1252', 'shift_jis', 'utf-16le', 'utf-16be'];
  const suggests = (message: string, encoding: string): boolean => message.includes(`--encoding ${encoding} `) || message.includes(`data.encoding: ${encoding} `);

  it('never suggests the encoding in use, for any fixture', () => {
    const names = ['clients-gb18030.csv', 'clients-cp1252.csv', 'clients-utf16le.txt', 'clients-utf16be-bom.txt', 'clients-utf16le-nobom.txt', 'clients-utf8-bom.csv'];
    let failures = 0;
    for (const name of names) {
      for (const encoding of inUse) {
        const message = failure(name, encoding);
        if (message === undefined) continue;
        failures++;
        expect(message).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+: byte 0x[0-9A-F]{2} is not valid `));
        expect(suggests(message, encoding)).toBe(false);
      }
    }
    expect(failures).toBeGreaterThan(10);
  });

  it('never suggests the encoding in use, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...inUse), (sample, encoding) => {
        expect(suggests(decodeFailureMessage('x.csv', encoding, { offset: 0 }, 0xff, sample), encoding)).toBe(false);
      }),
    );
  });
});

describe('firstUndecodable', () => {
  /** Offsets where the characters of `text` start in its UTF-8 bytes, and its end. */
  function boundaries(text: string, unitBytes: (c: string) => number): number[] {
    const out = [0];
    for (const c of text) out.push(out.at(-1)! + unitBytes(c));
    return out;
  }
  const insert = (data: Uint8Array, at: number, extra: readonly number[]): Uint8Array => Uint8Array.from([...data.subarray(0, at), ...extra, ...data.subarray(at)]);

  it('finds an invalid byte inserted anywhere in UTF-8 text, at its offset', () => {
    // Lone continuation bytes, bytes UTF-8 never has, and leads of sequences the next byte breaks.
    const invalid = fc.constantFrom(0x80, 0x9f, 0xbf, 0xc0, 0xc1, 0xf5, 0xff, 0xc3, 0xe4, 0xed, 0xf0, 0xf4);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), invalid, (text, pick, bad) => {
        const data = utf8(text);
        const starts = boundaries(text, (c) => utf8(c).length);
        const k = starts[pick % starts.length]!;
        expect(firstUndecodable(data, 'utf-8', false)).toBe(-1);
        expect(firstUndecodable(insert(data, k, [bad]), 'utf-8', false)).toBe(k);
      }),
    );
  });

  it('finds a lone surrogate inserted anywhere in UTF-16LE text, at its offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(), fc.constantFrom([0x00, 0xdc], [0x00, 0xd8], [0xff, 0xdb]), (text, pick, unit) => {
        const data = utf16le(text);
        const starts = boundaries(text, (c) => c.length * 2);
        const k = starts[pick % starts.length]!;
        expect(firstUndecodable(insert(data, k, unit), 'utf-16le', false)).toBe(k);
      }),
    );
  });

  it('finds 0xFF inserted anywhere in GBK text, at its offset', () => {
    const char = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((b) => [b]),
      fc.tuple(fc.integer({ min: 0xb0, max: 0xf7 }), fc.integer({ min: 0xa1, max: 0xfe })).map(([lead, trail]) => [lead, trail]),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 30 }), fc.nat(), (chars, pick) => {
        const data = Uint8Array.from(chars.flat());
        const starts = chars.reduce((out, c) => [...out, out.at(-1)! + c.length], [0]);
        const k = starts[pick % starts.length]!;
        expect(firstUndecodable(data, 'gb18030', false)).toBe(-1);
        expect(firstUndecodable(insert(data, k, [0xff]), 'gb18030', false)).toBe(k);
      }),
    );
  });

  it('points at the start of a sequence that the next byte breaks', () => {
    expect(firstUndecodable(cp1252('café,1'), 'utf-8', false)).toBe(3);
    expect(firstUndecodable(bytes(0x41, 0xf0, 0x9f, 0x98, 0x41), 'utf-8', false)).toBe(1);
    expect(firstUndecodable(bytes(0x41, 0xd6, 0x2c), 'gb18030', false)).toBe(1);
    expect(firstUndecodable(bytes(0x41, 0x81, 0x30, 0x81, 0x41), 'gb18030', false)).toBe(1); // a broken four-byte sequence
    expect(firstUndecodable(bytes(0x41, 0x00, 0x00, 0xd8, 0x41, 0x00), 'utf-16le', false)).toBe(2); // high surrogate, then "A"
    expect(firstUndecodable(bytes(0x41, 0x00, 0x00, 0xdc), 'utf-16le', false)).toBe(2);
  });

  it('accepts a sequence cut at the end only when more follows', () => {
    expect(firstUndecodable(bytes(0x41, 0xe4, 0xb8), 'utf-8', true)).toBe(-1);
    expect(firstUndecodable(bytes(0x41, 0xe4, 0xb8), 'utf-8', false)).toBe(1);
    expect(firstUndecodable(bytes(0x41, 0xd6), 'gb18030', true)).toBe(-1);
    expect(firstUndecodable(bytes(0x41, 0xd6), 'gb18030', false)).toBe(1);
    expect(firstUndecodable(bytes(0x41, 0x00, 0x42), 'utf-16le', true)).toBe(-1);
    expect(firstUndecodable(bytes(0x41, 0x00, 0x42), 'utf-16le', false)).toBe(2);
    expect(firstUndecodable(bytes(0x3d, 0xd8, 0x00), 'utf-16le', false)).toBe(0); // half a surrogate pair and a byte
    expect(firstUndecodable(new Uint8Array(0), 'utf-8', false)).toBe(-1);
  });

  it('agrees with the fixtures', () => {
    expect(firstUndecodable(fixture('clients-gb18030.csv'), 'gb18030', false)).toBe(-1);
    expect(firstUndecodable(fixture('clients-utf16le.txt'), 'utf-16le', false)).toBe(-1);
    expect(firstUndecodable(fixture('clients-utf16be-bom.txt'), 'utf-16be', false)).toBe(-1);
    expect(firstUndecodable(fixture('clients-utf8-bom.csv'), 'utf-8', false)).toBe(-1);
    expect(firstUndecodable(fixture('clients-cp1252.csv'), 'windows-1252', false)).toBe(-1);
    const cp = fixture('clients-cp1252.csv');
    const atUtf8 = firstUndecodable(cp, 'utf-8', false);
    expect(cp[atUtf8]).toBe(0xfc); // Müller
    expect(cp.subarray(atUtf8 - 1, atUtf8 + 2)).toEqual(bytes(0x4d, 0xfc, 0x6c));
    // As GB18030 "é" + "t" is one character; the second "é" of Société is followed by a space.
    const atGb = firstUndecodable(cp, 'gb18030', false);
    expect(cp.subarray(atGb - 1, atGb + 2)).toEqual(bytes(0x74, 0xe9, 0x20));
  });

  it('takes a label, not only a name', () => {
    expect(firstUndecodable(bytes(0x41, 0xd6, 0x2c), 'GBK', false)).toBe(1);
  });
});

describe('placeOf', () => {
  it('counts lines ended by LF, CRLF or a lone CR, and columns in characters', () => {
    expect(placeOf(new Uint8Array(0), 'utf-8')).toEqual({ line: 1, column: 1 });
    expect(placeOf(utf8('ab'), 'utf-8')).toEqual({ line: 1, column: 3 });
    expect(placeOf(utf8('a\nb'), 'utf-8')).toEqual({ line: 2, column: 2 });
    expect(placeOf(utf8('a\r\nbc'), 'utf-8')).toEqual({ line: 2, column: 3 });
    expect(placeOf(utf8('a\rb\rcd'), 'utf-8')).toEqual({ line: 3, column: 3 });
    expect(placeOf(utf8('a\r'), 'utf-8')).toEqual({ line: 2, column: 1 });
    expect(placeOf(utf8('a\r\n'), 'utf-8')).toEqual({ line: 2, column: 1 });
    expect(placeOf(utf8('1,中国,😀'), 'utf-8')).toEqual({ line: 1, column: 7 });
  });

  it('decodes in the encoding given, leaving a BOM out', () => {
    expect(placeOf(utf8('\uFEFFid\r\nC001,中'), 'utf-8')).toEqual({ line: 2, column: 7 });
    expect(placeOf(utf16le('\uFEFFid\r\nC001\t中'), 'utf-16le')).toEqual({ line: 2, column: 7 });
    expect(placeOf(utf16be('id\rC'), 'utf-16be')).toEqual({ line: 2, column: 2 });
    const gb = fixture('clients-gb18030.csv');
    expect(placeOf(gb.subarray(0, gb.indexOf(0x2c, 60) + 1), 'gb18030')).toEqual({ line: 2, column: 15 }); // after "C001,中国移动广东公司,"
    expect(placeOf(cp1252('D001;Müller – ;'), 'windows-1252')).toEqual({ line: 1, column: 16 });
  });

  it('reads old Mac line ends', () => {
    const cr = fixture('clients-cr.csv');
    expect(placeOf(cr, 'utf-8')).toEqual({ line: 5, column: 1 });
  });
});
