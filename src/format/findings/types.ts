import type { Finding, FindingsSummary } from '../../core/findings.js';

export interface FindingsFormatOptions {
  color: boolean;
  version: string;
  /**
   * Prepended to each finding's workspace-relative `file` by the formats that CI services
   * resolve against the repository (github, sarif, junit): the workspace folder from the
   * repository root with a trailing `/` (`sales/kam/`), or '' (workspace at the top, or not in
   * git). json ignores it (SPEC 6: paths stay workspace-relative). Default ''.
   */
  pathPrefix?: string;
  /** What `pathPrefix` is relative to (SARIF's %SRCROOT%): the git repository root, or the workspace when not in git. Default 'workspace'. */
  pathBase?: 'repository' | 'workspace';
  /** What `kam check` covered (every plan, the rules on, --max-warnings), for the per-plan formats junit and markdown. */
  run?: import('./checked.js').CheckedRun;
  /**
   * The locale was asked for (`--locale`): the machine formats (junit, sarif, github) write their
   * own text in it too. Otherwise they write English, so CI logs stay searchable. Default false.
   */
  explicitLocale?: boolean;
}

export type FindingsFormatter = (findings: readonly Finding[], summary: FindingsSummary, options: FindingsFormatOptions) => string;
