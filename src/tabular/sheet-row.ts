// A worksheet row as a TableRow: numbers are numbers whatever their display format; text
// cells (numbers typed as text, "1,234") are read as a CSV cell would be.
import { NumberKind, type DecimalMark } from './numbers.js';
import { isSlugText, TextNumbers, type TableRow, type TextSink } from './row.js';
import { cellText as textOf, type SheetCell } from './xlsx.js';

export class SheetRow implements TableRow {
  private cellsOf: readonly SheetCell[] = [];
  private readonly numbers: TextNumbers;
  kind: NumberKind = NumberKind.Plain;
  currency: string | undefined;

  constructor(mark: DecimalMark) {
    this.numbers = new TextNumbers(mark);
  }

  of(cells: readonly SheetCell[]): this {
    this.cellsOf = cells;
    return this;
  }

  get length(): number {
    return this.cellsOf.length;
  }

  cell(i: number): string {
    return textOf(this.cellsOf[i]);
  }

  number(i: number): number | undefined | null {
    const cell = this.cellsOf[i];
    this.kind = NumberKind.Plain;
    this.currency = undefined;
    if (typeof cell === 'number') return cell;
    if (typeof cell === 'string') {
      const value = this.numbers.read(cell);
      this.kind = this.numbers.kind;
      this.currency = this.numbers.currency;
      return value;
    }
    // A date, a boolean or an error value is not an amount.
    return cell === undefined ? undefined : null;
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
    return this.cellsOf.map(textOf);
  }

  breaks(): number {
    return 0;
  }
}
