// What kind of file a --data file is, by its bytes, never by its name: a client's export
// called .csv may be a workbook, and one called .xlsx may be an old .xls or an encrypted file.
// Reads are positioned (pread), so the descriptor's own position is left where it was.
import { fstatSync, readSync } from 'node:fs';
import { say, text, type Text } from './messages.js';

export type Container =
  | { kind: 'text' } // not a known binary container: read it as delimited text (CSV/TSV)
  | { kind: 'xlsx' } // an OOXML workbook kam can read (.xlsx, .xlsm; ZIP with xl/workbook.xml)
  | { kind: 'refused'; message: string; text: Text }; // a file kam cannot read, with what to do (in the locale of the run, and as a message)

type Refusal = 'damaged-zip' | 'encrypted' | 'xls' | 'pdf' | 'gzip' | '7z' | 'rar' | 'xlsb' | 'ods' | 'zip';

const OTHER_BINARIES: { magic: number[]; what: Refusal }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'pdf' },
  { magic: [0x1f, 0x8b], what: 'gzip' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7z' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'rar' },
];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Reads at most the bytes it needs from the open file descriptor. `file` is the name to show in messages. */
export function sniffContainer(fd: number, file: string): Container {
  const head = readAt(fd, 0, 8);
  const refuse = (what: Refusal): Container => {
    const message = text(`data.refused.${what}`, { file });
    return { kind: 'refused', message: say(message), text: message };
  };
  if (isZipSignature(head)) {
    const names = zipEntryNames(fd);
    return names === undefined ? refuse('damaged-zip') : classifyZip(names, refuse);
  }
  if (startsWith(head, OLE2_MAGIC)) return refuse(isEncryptedOle2(fd) ? 'encrypted' : 'xls');
  const binary = OTHER_BINARIES.find(({ magic }) => startsWith(head, magic));
  return binary ? refuse(binary.what) : { kind: 'text' };
}

function classifyZip(names: ReadonlySet<string>, refuse: (what: Refusal) => Container): Container {
  if (names.has('xl/workbook.xml')) return { kind: 'xlsx' };
  if (names.has('xl/workbook.bin')) return refuse('xlsb');
  if (names.has('mimetype') || names.has('content.xml')) return refuse('ods');
  return refuse('zip');
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const n = readSync(fd, buffer, filled, length - filled, position + filled);
    if (n === 0) break;
    filled += n;
  }
  return buffer.subarray(0, filled);
}

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/** PK\3\4 (a local file header), PK\5\6 (an empty archive), PK\7\8 (a spanned archive's marker). */
function isZipSignature(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes(head.readUInt16BE(2));
}

// ---------------------------------------------------------------------------------------------
// ZIP: the entry names, from the central directory at the end of the file.

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
/** A workbook's directory is a few KiB; this is room for some 80,000 entries. */
const MAX_DIRECTORY_BYTES = 4 << 20;

interface CentralDirectory {
  offset: number;
  size: number;
}

/** The names of the archive's entries, or undefined when its directory cannot be read. */
function zipEntryNames(fd: number): Set<string> | undefined {
  const fileSize = fstatSync(fd).size;
  const directory = findCentralDirectory(fd, fileSize);
  if (!directory || directory.offset + directory.size > fileSize) return undefined;
  const bytes = readAt(fd, directory.offset, Math.min(directory.size, MAX_DIRECTORY_BYTES));
  const names = new Set<string>();
  for (let at = 0; at + 46 <= bytes.length; ) {
    if (bytes.readUInt32LE(at) !== CENTRAL_ENTRY_SIGNATURE) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const entryLength = 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    names.add(bytes.toString('utf8', at + 46, Math.min(at + 46 + nameLength, bytes.length)));
    at += entryLength;
  }
  return names;
}

/** The End of Central Directory record is in the last 22 bytes, or before an archive comment of up to 64 KiB. */
function findCentralDirectory(fd: number, fileSize: number): CentralDirectory | undefined {
  const tailStart = Math.max(0, fileSize - EOCD_SIZE - 0xffff);
  const tail = readAt(fd, tailStart, fileSize - tailStart);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    if (size !== 0xffffffff && offset !== 0xffffffff) return { offset, size };
    return at >= 20 ? zip64Directory(fd, tail, at - 20) : undefined;
  }
  return undefined;
}

function zip64Directory(fd: number, tail: Buffer, locatorAt: number): CentralDirectory | undefined {
  if (tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  const record = readAt(fd, Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) return undefined;
  return { size: Number(record.readBigUInt64LE(40)), offset: Number(record.readBigUInt64LE(48)) };
}

// ---------------------------------------------------------------------------------------------
// OLE2 compound files: an encrypted OOXML workbook is one, holding the streams EncryptionInfo and
// EncryptedPackage; an .xls is one without them.

const ENCRYPTION_STREAMS = ['EncryptedPackage', 'EncryptionInfo'].map((name) => Buffer.from(name, 'utf16le'));
const SCAN_LIMIT = 8 << 20;
const SCAN_CHUNK = 1 << 20;

function isEncryptedOle2(fd: number): boolean {
  return holdsEncryptionStream(firstDirectorySector(fd)) || scanForEncryptionStreams(fd);
}

/** The directory's first sector wherever it lies: it lists the root's first streams. */
function firstDirectorySector(fd: number): Buffer {
  const header = readAt(fd, 0, 512);
  if (header.length < 512) return header;
  const sectorSize = 2 ** header.readUInt16LE(0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return Buffer.alloc(0);
  return readAt(fd, (header.readUInt32LE(0x30) + 1) * sectorSize, sectorSize);
}

/** Directory entries store names in UTF-16LE; the directory of a small file is in its first MiBs. */
function scanForEncryptionStreams(fd: number): boolean {
  const overlap = Math.max(...ENCRYPTION_STREAMS.map((name) => name.length)) - 1;
  for (let position = 0; position < SCAN_LIMIT; position += SCAN_CHUNK) {
    const chunk = readAt(fd, position, SCAN_CHUNK + overlap);
    if (holdsEncryptionStream(chunk)) return true;
    if (chunk.length < SCAN_CHUNK + overlap) return false;
  }
  return false;
}

function holdsEncryptionStream(bytes: Buffer): boolean {
  return ENCRYPTION_STREAMS.some((name) => bytes.includes(name));
}
