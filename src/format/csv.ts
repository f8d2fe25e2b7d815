// RFC 4180 CSV that a spreadsheet never runs as a formula (SPEC 6).
//
// A text cell is prefixed with `'` when a spreadsheet could read it as a formula: when it starts
// with tab or CR, or with = + - @ or their fullwidth forms ＝ ＋ － ＠ (which Excel with an East
// Asian input method takes for the ASCII ones), also after leading whitespace (spaces, NBSP,
// ideographic spaces, tabs, line breaks), which some spreadsheets skip before they look for a
// formula. Numbers are written as numbers, never prefixed. Control characters in cells are kept:
// CSV carries the data as it is, for a spreadsheet rather than for a terminal.

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRows(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
