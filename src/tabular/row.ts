// One row of a table (a CSV record or a worksheet row), as every reader gives it.
import { kindOf, NumberKind, readNumber, valueUnder, type DecimalMark } from './numbers.js';

/** Where a trimmed cell goes: a column of UTF-8 strings (bytes when the reader has them). */
export interface TextSink {
  pushBytes(src: Uint8Array, start: number, end: number): void;
  push(value: string): void;
}

/**
 * A row of the table, read where it is: cells are sliced, and numbers parsed, only when asked
 * for (a million rows of ten cells would otherwise be ten million strings, most never used).
 * A row object is reused for the next row: take what you need before returning.
 */
export interface TableRow {
  readonly length: number;
  cell(i: number): string;
  /**
   * The cell as a number under the table's decimal mark: undefined when blank, null when it is
   * not a number so. Sets `kind` (how the cell settles the decimal mark) and `currency`.
   */
  number(i: number): number | undefined | null;
  /** Of the last number() call. */
  readonly kind: NumberKind;
  readonly currency: string | undefined;
  /** Whether the cell is empty once trimmed (String.prototype.trim). */
  blank(i: number): boolean;
  /** Pushes the trimmed cell onto a column. */
  pushTrimmed(i: number, column: TextSink): void;
  /** Whether the cell, as it is, is a slug: runs of [a-z0-9] joined by single "-", at most 64 characters (then it is its own account id). */
  isSlug(i: number): boolean;
  cells(): string[];
  /** Line breaks inside the row's cells (a CSV record may span several lines). */
  breaks(): number;
}

/** Whether every cell of the row is blank (Excel writes ",,,,," for formatted empty rows). */
export function blankRow(row: TableRow): boolean {
  for (let i = 0; i < row.length; i++) if (!row.blank(i)) return false;
  return true;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const isSlugText = (text: string) => text.length <= 64 && SLUG.test(text);

/** Shared by the rows that hold their cells as strings: a number read by readNumber. */
export class TextNumbers {
  kind: NumberKind = NumberKind.Plain;
  currency: string | undefined;

  constructor(readonly mark: DecimalMark) {}

  read(text: string | undefined): number | undefined | null {
    this.kind = NumberKind.Plain;
    this.currency = undefined;
    if (text === undefined) return undefined;
    const reading = readNumber(text);
    if (reading === undefined) return undefined;
    this.kind = kindOf(reading);
    this.currency = reading.currency;
    return valueUnder(reading, this.mark);
  }
}

/** A row whose cells are strings (papaparse's records; tests). */
export class ArrayRow implements TableRow {
  private row: string[] = [];
  private readonly numbers: TextNumbers;

  constructor(mark: DecimalMark) {
    this.numbers = new TextNumbers(mark);
  }

  of(row: string[]): this {
    this.row = row;
    return this;
  }

  get length(): number {
    return this.row.length;
  }

  get kind(): NumberKind {
    return this.numbers.kind;
  }

  get currency(): string | undefined {
    return this.numbers.currency;
  }

  cell(i: number): string {
    return this.row[i]!;
  }

  number(i: number): number | undefined | null {
    return this.numbers.read(this.row[i]);
  }

  blank(i: number): boolean {
    return this.cell(i).trim() === '';
  }

  pushTrimmed(i: number, column: TextSink): void {
    column.push(this.cell(i).trim());
  }

  isSlug(i: number): boolean {
    return isSlugText(this.cell(i));
  }

  cells(): string[] {
    return this.row;
  }

  breaks(): number {
    let n = 0;
    for (const cell of this.row) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
    return n;
  }
}
