// Compact growable columns for a million rows: numbers in a Float64Array, strings as
// UTF-8 bytes in one buffer. A JS string per row (and papaparse's sliced substrings,
// which keep whole input chunks alive) would cost several times the memory.

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
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private offsets = new Uint32Array(1025);
  length = 0;

  push(value: string): void {
    const need = Buffer.byteLength(value);
    if (this.used + need > this.bytes.length) {
      // Grow by a quarter once large: a doubled 40 MB buffer of names would waste 40 MB.
      const step = this.bytes.length < 1 << 23 ? this.bytes.length : this.bytes.length >> 2;
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length + step, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(value, this.used);
    if (this.length + 1 === this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.length] = this.used;
  }

  get(index: number): string {
    return this.bytes.toString('utf8', this.offsets[index]!, this.offsets[index + 1]!);
  }

  /** FNV-1a of the value's bytes (unsigned 32-bit). */
  hash(index: number): number {
    let h = 0x811c9dc5;
    for (let i = this.offsets[index]!, end = this.offsets[index + 1]!; i < end; i++) {
      h ^= this.bytes[i]!;
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  /** The row index of the first value equal to `value`, or -1. */
  indexOf(value: string): number {
    const wanted = Buffer.from(value);
    for (let i = 0; i < this.length; i++) {
      const start = this.offsets[i]!;
      const end = this.offsets[i + 1]!;
      if (end - start === wanted.length && this.bytes.compare(wanted, 0, wanted.length, start, end) === 0) return i;
    }
    return -1;
  }
}
