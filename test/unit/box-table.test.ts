// The score table is drawn by boxTable, not cli-table3 (0.3 ms a row there): both must draw
// the same characters, whatever the cells (CJK, accents, colour codes, empty cells).
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxTable, type Align } from '../../src/format/box-table.js';

const chalk = new Chalk({ level: 1 });

function cliTable3(head: string[], rows: string[][], aligns: Align[]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    colAligns: aligns,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

describe('boxTable', () => {
  it('draws what cli-table3 draws', () => {
    const text = fc.array(fc.constantFrom('a', 'Z', '7', ' ', '.', '-', '中', '国', 'é', 'ü', '–', '·'), { maxLength: 12 }).map((p) => p.join(''));
    const cell = fc.oneof(text, text.map((t) => chalk.bold(t)), text.map((t) => chalk.dim(t) + chalk.yellow(' x')));
    const table = fc.integer({ min: 1, max: 6 }).chain((columns) =>
      fc.tuple(
        fc.array(cell, { minLength: columns, maxLength: columns }),
        fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: columns, maxLength: columns }),
      ),
    );
    fc.assert(
      fc.property(table, ([head, rows, aligns]) => {
        expect(boxTable(head, rows, aligns)).toBe(cliTable3(head, rows, aligns));
      }),
      { numRuns: 500 },
    );
  });
});
