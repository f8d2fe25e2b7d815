// The client CSV is read in blocks of 256 KiB cut at newlines outside quotes: quoted fields
// with commas, doubled quotes and line breaks must read the same wherever a block ends.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, kam } from './helpers.js';

describe('client CSV read in blocks', () => {
  it('reads every row and name, quotes and line breaks included, across block ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-csv-blocks-'));
    const rows = 30_000;
    const names: string[] = [];
    const lines = ['id,name,revenue_2024,revenue_2025,influence'];
    for (let i = 0; i < rows; i++) {
      const kind = i % 7;
      const name = kind === 0 ? `Acme "Big", ${i}` : kind === 1 ? `Line\nbreak ${i}` : kind === 2 ? `中国移动 ${i}` : `Plain ${i}`;
      names.push(name);
      const cell = /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
      lines.push(`a${i},${cell},${1000 + i},${2000 + i * 3},${i % 6}`);
    }
    const file = join(dir, 'clients.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const r = kam(['score', '--data', file, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const accounts = json(r.stdout).accounts as { id: string; name: string; criteria: { id: string; input: number }[] }[];
    expect(accounts).toHaveLength(rows);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    for (let i = 0; i < rows; i += 1) {
      const a = byId.get(`a${i}`)!;
      expect(a.name).toBe(names[i]);
      expect(a.criteria.find((c) => c.id === 'revenue')!.input).toBe(2000 + i * 3);
    }
    // A bad row after many line breaks is reported at its physical line.
    writeFileSync(file, `${lines.slice(0, 1001).join('\n')}\nzz,bad,12x,1,1\n`);
    const bad = kam(['score', '--data', file, '--format', 'json'], { cwd: dir });
    const physicalLine = lines.slice(0, 1001).join('\n').split('\n').length + 1;
    expect(bad.stderr).toContain(`clients.csv:${physicalLine}: row column revenue_2024: "12x" is not a number`);
  }, 60_000);
});
