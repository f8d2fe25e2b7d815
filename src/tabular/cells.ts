// Workbook cell names: column 0 is A, 25 is Z, 26 is AA.
export function columnLetters(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
