// Compact growable columns for a million rows: numbers in a Float64Array, strings joined
// into one flat string per chunk of values. A JS string per row (and sliced substrings,
// which keep whole input blocks alive) would cost several times the memory.

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

export class StringColumn {
  // Values are kept in chunks of CHUNK, each joined into one flat string with the offsets of
  // its values: a push is an array push, and a joined chunk frees the input text its values
  // were sliced from (a sliced string keeps its whole parent alive).
  private static readonly SHIFT = 12;
  private static readonly CHUNK = 1 << StringColumn.SHIFT;
  private chunks: string[] = [];
  private starts: Uint32Array[] = [];
  private pending: string[] = [];
  private pendingOffsets = new Uint32Array(StringColumn.CHUNK + 1);
  private hashes: NumberColumn | undefined;
  length = 0;

  /** With `hashed`, each value's hash is kept as it is pushed (for finding repeats fast). */
  constructor(options: { hashed?: boolean } = {}) {
    if (options.hashed) this.hashes = new NumberColumn();
  }

  push(value: string): void {
    const k = this.pending.length;
    this.pending.push(value);
    this.pendingOffsets[k + 1] = this.pendingOffsets[k]! + value.length;
    this.hashes?.push(fnv1a(value));
    this.length++;
    if (k + 1 === StringColumn.CHUNK) this.flush();
  }

  private flush(): void {
    const offsets = this.pendingOffsets.slice(0, this.pending.length + 1);
    // join() makes one flat string, never a slice of the inputs.
    this.chunks.push(this.pending.join(''));
    this.starts.push(offsets);
    this.pending = [];
  }

  get(index: number): string {
    const chunk = index >>> StringColumn.SHIFT;
    const k = index & (StringColumn.CHUNK - 1);
    if (chunk === this.chunks.length) return this.pending[k]!;
    const offsets = this.starts[chunk]!;
    return this.chunks[chunk]!.slice(offsets[k], offsets[k + 1]);
  }

  /** FNV-1a of each value's UTF-16 code units (unsigned 32-bit), by index. */
  hashArray(): ArrayLike<number> {
    if (this.hashes) return this.hashes.toArray();
    return Float64Array.from({ length: this.length }, (_, i) => fnv1a(this.get(i)));
  }

  /** The row index of the first value equal to `value`, or -1. */
  indexOf(value: string): number {
    for (let i = 0; i < this.length; i++) if (this.get(i) === value) return i;
    return -1;
  }
}

function fnv1a(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
