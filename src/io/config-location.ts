// Where kam.yaml is: --config, or the nearest one walking up from the working directory.
// Light on purpose (no YAML or schema library), so that `score --data` outside a workspace
// starts without loading them.
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config-defaults.js';
import type { KamConfig } from '../core/config.js';
import { ConfigError, InputError } from '../errors.js';
import { msg } from '../i18n/index.js';

export const CONFIG_FILE = 'kam.yaml';

export interface ConfigLocation {
  /** The directory kam runs in (after -C). */
  cwd: string;
  /** --config, relative to cwd. */
  config?: string;
}

/** The absolute path of the config file, or undefined when there is none. */
export function findConfigFile(options: ConfigLocation): string | undefined {
  const cwd = resolve(options.cwd);
  if (!existsSync(cwd)) throw new InputError(msg('cli.cwd.missing', { dir: options.cwd }));
  if (options.config !== undefined) {
    const configFile = resolve(cwd, options.config);
    if (!present(configFile)) throw new ConfigError(msg('cli.config.no-such-file', { file: options.config }));
    return configFile;
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (present(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether a directory entry of that name exists, whatever it is: a kam.yaml that is a dangling
 * symlink, a FIFO or unreadable is this folder's config (loadConfig says why it cannot be read),
 * not a reason to take a parent folder's.
 */
function present(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The workspace's config, or the built-in one when there is no kam.yaml (score --data needs no workspace). */
export async function optionalConfig(options: ConfigLocation): Promise<KamConfig> {
  const configFile = findConfigFile(options);
  if (configFile === undefined) return DEFAULT_CONFIG;
  const { loadConfig } = await import('./workspace.js');
  return loadConfig(configFile, resolve(options.cwd));
}
