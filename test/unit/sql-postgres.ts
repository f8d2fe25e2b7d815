// A throwaway PostgreSQL cluster for the `kam sql` tests (issue 21): initdb in a temporary folder,
// run as the postgres user when kam's tests run as root, a unix socket only, psql for queries.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of initdb and pg_ctl (Debian: /usr/lib/postgresql/<v>/bin), or undefined. */
export function postgresBin(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath !== '') return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  for (const v of readdirSync(root).sort().reverse()) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin');
  return undefined;
}

export interface Cluster {
  /** Runs SQL (a script); returns the rows of its statements' results, one after the other. */
  query(sql: string): string[][];
  stop(): void;
}

export function startCluster(bin: string): Cluster {
  const dir = mkdtempSync(join(tmpdir(), 'kam-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const data = join(dir, 'data');
  const port = String(20000 + Math.floor(Math.random() * 20000));
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off`, 'start']);
  let n = 0;
  return {
    query(sql) {
      const file = join(dir, `q${n++}.sql`);
      writeFileSync(file, sql);
      chmodSync(file, 0o644);
      const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '\x1f', '-R', '\x1e', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', port, '-U', 'postgres', '-d', 'postgres', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      // psql ends a result's last row with a line break, the others with -R: cells must hold neither.
      return out.split(/[\x1e\n]/).filter((r) => r !== '').map((r) => r.split('\x1f'));
    },
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
