// The running kam as an npm tarball, for `kam init` to place in a new workspace: CI then
// installs exactly this kam from the repository, never a package fetched by name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { builtInTemplatesDir } from './templates.js';

export interface PackedKam {
  /** e.g. `kam-0.1.0.tgz`, as npm names it. */
  name: string;
  bytes: Uint8Array;
}

/** Runs `npm pack` on kam's own folder (no scripts run, nothing downloaded). */
export function packKam(): PackedKam {
  const root = dirname(builtInTemplatesDir());
  const out = mkdtempSync(join(tmpdir(), 'kam-pack-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['pack', root, '--ignore-scripts', '--pack-destination', out, '--json', '--silent'], {
      encoding: 'utf8',
      timeout: 120_000,
      shell: process.platform === 'win32',
    });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : (result.stderr.trim().split('\n').pop() ?? `exit ${result.status}`);
      throw new InputError(msg('init.pack-failed', { why }));
    }
    const packed = JSON.parse(result.stdout) as { filename: string }[];
    const name = basename(packed[0]!.filename);
    return { name, bytes: readFileSync(join(out, name)) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
