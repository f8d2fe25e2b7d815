// Compact growable columns for a million rows: numbers in a Float64Array, strings as UTF-8
// bytes in one buffer. A JS string per row would cost several times the memory and time.

/** The values of several typed arrays, in order, in one (the array itself when there is one). */
export function concatArrays<T extends Float64Array | Int32Array>(parts: readonly T[], create: (length: number) => T): T {
  if (parts.length === 1) return parts[0]!;
  const all = create(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

export const concatFloat64 = (parts: readonly Float64Array[]) => concatArrays(parts, (n) => new Float64Array(n));

export class NumberColumn {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values (a view on the column's memory: stop pushing once you take it). */
  toArray(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** A value's bytes: bytes[start, end). */
export interface ByteSpan {
  bytes: Uint8Array;
  start: number;
  end: number;
}

/** A Utf8Column's arrays (they can cross threads without a copy). */
export interface Utf8ColumnData {
  bytes: Uint8Array;
  ends: Uint32Array;
  hashes?: Uint32Array;
}

/**
 * Strings as UTF-8 bytes in one growing buffer, with each value's end offset (and, with
 * `hashed`, its FNV-1a hash): a million ids or names without a million JS strings. Values
 * come as bytes straight from the input (pushBytes) or as strings (push).
 */
export class Utf8Column {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private ends: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private hashes: Uint32Array<ArrayBuffer> | undefined;
  length = 0;

  constructor(options: { hashed?: boolean } = {}) {
    if (options.hashed) this.hashes = new Uint32Array(1024);
  }

  /** Pushes src[start, end), which must be valid UTF-8. */
  pushBytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.used + n > this.bytes.length) this.growBytes(n);
    const bytes = this.bytes;
    let at = this.used;
    let h = 0;
    if (this.hashes) {
      h = 0x811c9dc5;
      for (let i = start; i < end; i++) {
        const b = src[i]!;
        bytes[at++] = b;
        h = Math.imul(h ^ b, 0x01000193);
      }
    } else if (n > 48) {
      bytes.set(src.subarray(start, end), at);
      at += n;
    } else {
      for (let i = start; i < end; i++) bytes[at++] = src[i]!;
    }
    this.used = at;
    this.finish(h);
  }

  push(value: string): void {
    if (this.used + value.length * 3 > this.bytes.length) this.growBytes(value.length * 3);
    const start = this.used;
    this.used += this.bytes.write(value, start, 'utf8');
    this.finish(this.hashes ? fnv1a(this.bytes, start, this.used) : 0);
  }

  private finish(hash: number): void {
    if (this.length === this.ends.length) {
      this.ends = grown(this.ends);
      if (this.hashes) this.hashes = grown(this.hashes);
    }
    this.ends[this.length] = this.used;
    if (this.hashes) this.hashes[this.length] = hash >>> 0;
    this.length++;
  }

  private growBytes(atLeast: number): void {
    let size = this.bytes.length * 2;
    while (size < this.used + atLeast) size *= 2;
    const bytes = Buffer.allocUnsafe(size);
    this.bytes.copy(bytes, 0, 0, this.used);
    this.bytes = bytes;
  }

  locate(index: number, out: ByteSpan): void {
    out.bytes = this.bytes;
    out.start = index === 0 ? 0 : this.ends[index - 1]!;
    out.end = this.ends[index]!;
  }

  get(index: number): string {
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!);
  }

  /** The column's arrays, trimmed to its values (stop pushing once you take them). */
  data(): Utf8ColumnData {
    const data: Utf8ColumnData = { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, this.length) };
    if (this.hashes) data.hashes = this.hashes.subarray(0, this.length);
    return data;
  }

  /** A column over arrays that data() gave (no copy). */
  static of(data: Utf8ColumnData): Utf8Column {
    const column = new Utf8Column();
    column.bytes = Buffer.from(data.bytes.buffer as ArrayBuffer, data.bytes.byteOffset, data.bytes.length);
    column.ends = data.ends as Uint32Array<ArrayBuffer>;
    column.hashes = data.hashes as Uint32Array<ArrayBuffer> | undefined;
    column.used = data.bytes.length;
    column.length = data.ends.length;
    return column;
  }
}

/** FNV-1a of bytes[start, end) (the hash of the ids' repeat search; pushBytes inlines it). */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function grown(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The values of several columns (the parts of a file read on several threads), in order,
 * without copying them into one; some may be replaced (ids that depend on the part's position).
 */
export class Utf8Parts {
  readonly length: number;
  private readonly columns: Utf8Column[];
  private readonly firsts: number[] = [];
  private readonly hashes: Uint32Array | undefined;
  private readonly replaced = new Map<number, string>();

  constructor(parts: readonly Utf8ColumnData[]) {
    this.columns = parts.map((p) => Utf8Column.of(p));
    let length = 0;
    for (const column of this.columns) {
      this.firsts.push(length);
      length += column.length;
    }
    this.length = length;
    if (parts.every((p) => p.hashes)) {
      const hashes = new Uint32Array(length);
      parts.forEach((p, k) => hashes.set(p.hashes!, this.firsts[k]));
      this.hashes = hashes;
    }
  }

  get(index: number): string {
    if (this.replaced.size > 0) {
      const value = this.replaced.get(index);
      if (value !== undefined) return value;
    }
    let k = this.columns.length - 1;
    while (index < this.firsts[k]!) k--;
    return this.columns[k]!.get(index - this.firsts[k]!);
  }

  /**
   * Where value `index` lies as UTF-8 bytes: sets out.bytes, out.start, out.end (no string made);
   * false when the value was replaced (then get() gives it).
   */
  locate(index: number, out: ByteSpan): boolean {
    if (this.replaced.size > 0 && this.replaced.has(index)) return false;
    let k = this.columns.length - 1;
    while (index < this.firsts[k]!) k--;
    this.columns[k]!.locate(index - this.firsts[k]!, out);
    return true;
  }

  /** Each part's arrays with its first index (the values in order, for a pass over all of them). */
  partData(): { first: number; bytes: Uint8Array; ends: Uint32Array }[] {
    return this.columns.map((column, k) => ({ first: this.firsts[k]!, ...column.data() }));
  }

  /** Whether value `index` was replaced (then get() gives it, not the part's bytes). */
  isReplaced(index: number): boolean {
    return this.replaced.size > 0 && this.replaced.has(index);
  }

  /** How many values were replaced. */
  replacedCount(): number {
    return this.replaced.size;
  }

  /** Replaces a value (its hash too). */
  replace(index: number, value: string): void {
    this.replaced.set(index, value);
    if (!this.hashes) return;
    const bytes = Buffer.from(value, 'utf8');
    this.hashes[index] = fnv1a(bytes, 0, bytes.length);
  }

  /** Each value's hash, by index (the parts must have been hashed columns). */
  hashArray(): Uint32Array {
    if (!this.hashes) throw new Error('kam: hashes of a column that was not hashed');
    return this.hashes;
  }

  /** The index of the first value equal to `value`, or -1. */
  indexOf(value: string): number {
    for (let i = 0; i < this.length; i++) if (this.get(i) === value) return i;
    return -1;
  }
}
