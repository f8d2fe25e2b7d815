// A large UTF-8 client CSV is read in parts on several threads (KAM_PART_BYTES makes the parts
// small enough for a test). Whatever the threads, kam must print the same thing: ranks, ids
// made from line numbers, duplicate ids across parts, bad rows at their physical lines, and a
// part cut inside a quoted field (it and the part before it are then read again as one).
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kam } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kam-csv-threads-'));

function clientsCsv(rows: number, longNoteAt = -1): string {
  const lines = ['id,name,revenue_2024,revenue_2025,wallet,influence,note'];
  for (let i = 0; i < rows; i++) {
    const kind = i % 9;
    const id = kind === 3 ? '' : kind === 4 ? `dup${i % 4}` : `c${i}`;
    const name = kind === 0 ? `"Acme ""Big"", ${i}"` : kind === 1 ? `"Two\nlines ${i}"` : kind === 3 ? `中国移动 ${i}` : `Plain ${i}`;
    const revenue = kind === 5 && i % 7 === 0 ? '12x' : String(1000 + ((i * 7919) % 50_000));
    const note = i === longNoteAt ? `"${Array.from({ length: 3000 }, (_, k) => `note line ${k}`).join('\n')}"` : '';
    lines.push(`${id},${name},${500 + i},${revenue},${90_000 + i},${i % 6},${note}`);
    if (i % 1000 === 999) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const parts = (stderr: string) => Number(/read .* in (\d+) part/.exec(stderr)?.[1]);

describe('client CSV on several threads', () => {
  it('prints the same as one thread: ranks, made ids, duplicates, bad rows', () => {
    const file = join(dir, 'clients.csv');
    writeFileSync(file, clientsCsv(6000));
    for (const format of ['json', 'csv', 'table']) {
      const one = kam(['score', '--data', file, '--format', format], { cwd: dir, env: { KAM_THREADS: '1', KAM_DEBUG: '1' } });
      const three = kam(['score', '--data', file, '--format', format], { cwd: dir, env: { KAM_THREADS: '3', KAM_PART_BYTES: '32768', KAM_DEBUG: '1' } });
      expect(one.code).toBe(0);
      expect(parts(one.stderr)).toBe(1);
      expect(parts(three.stderr)).toBeGreaterThan(5);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr.replace(/kam: read .*\n/, '')).toBe(one.stderr.replace(/kam: read .*\n/, ''));
    }
    const one = kam(['score', '--data', file, '--format', 'json'], { cwd: dir, env: { KAM_THREADS: '1' } });
    // The ids made from names and the bad rows name lines of the whole file.
    expect(one.stdout).toMatch(/"id": "zhong-guo-yi-dong-\d+"/); // 中国移动 123 → zhong-guo-yi-dong-123 (pinyin, on every thread)
    expect(one.stderr).toMatch(/clients\.csv:\d+: row column revenue_2025: "12x" is not a number/);
    expect(one.stderr).toContain('repeat an id already seen');
  }, 60_000);

  it('reads two parts again as one when the cut between them fell inside a quoted field', () => {
    const file = join(dir, 'long-note.csv');
    writeFileSync(file, clientsCsv(3000, 1500));
    const one = kam(['score', '--data', file, '--format', 'json'], { cwd: dir, env: { KAM_THREADS: '1' } });
    const three = kam(['score', '--data', file, '--format', 'json'], { cwd: dir, env: { KAM_THREADS: '3', KAM_PART_BYTES: '16384', KAM_DEBUG: '1' } });
    expect(one.code).toBe(0);
    // The note of 3,000 lines spans several cuts: those parts were merged, the others not.
    expect(parts(three.stderr)).toBeGreaterThan(1);
    expect(parts(three.stderr)).toBeLessThan(Math.floor(statSync(file).size / 16384));
    expect(three.stdout).toBe(one.stdout);
  }, 60_000);

  it('names the line and column of a byte that is not UTF-8, in whichever part it lies', () => {
    const file = join(dir, 'bad-byte.csv');
    const text = clientsCsv(6000);
    const lines = text.split('\n');
    const at = 5000; // well past the first part
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, at).join('\n')}\nc-bad,Bad`), Buffer.from([0xff]), Buffer.from(`,1,2,3,4,\n${lines.slice(at).join('\n')}`)]);
    writeFileSync(file, bytes);
    for (const env of [{ KAM_THREADS: '1' }, { KAM_THREADS: '3', KAM_PART_BYTES: '32768' }] as Record<string, string>[]) {
      const r = kam(['score', '--data', file], { cwd: dir, env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`bad-byte.csv:${at + 1}:10: byte 0xFF is not valid UTF-8`);
    }
  }, 60_000);

  it('selects and writes the same plans on import', () => {
    const file = join(dir, 'import.csv');
    writeFileSync(file, clientsCsv(6000));
    const args = ['import', file, '--top', '8', '--dry-run', '--as-of', '2026-11-23', '--config', join(dir, 'none.yaml')];
    writeFileSync(join(dir, 'none.yaml'), 'version: 1\n');
    const one = kam(args, { cwd: dir, env: { KAM_THREADS: '1' } });
    const three = kam(args, { cwd: dir, env: { KAM_THREADS: '3', KAM_PART_BYTES: '32768' } });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('revenue');
    expect(three.stdout).toBe(one.stdout);
  }, 60_000);
});
