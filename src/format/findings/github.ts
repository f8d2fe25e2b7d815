// GitHub Actions workflow commands: one annotation per finding. Plan text is
// user-controlled, so data and properties are escaped as the Actions toolkit does.
import type { FindingsFormatter } from './types.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: FindingsFormatter = (findings) =>
  findings
    .map((f) => {
      const command = f.severity === 'error' ? 'error' : 'warning';
      const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(`kam ${f.rule}`)}`];
      return `::${command} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
