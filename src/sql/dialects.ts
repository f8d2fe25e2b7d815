// The per-dialect table of `kam sql` (issue 21): every construct whose spelling or meaning differs
// between engines, in one place. The compiler (compile.ts) writes only through these; nothing is
// transpiled. See docs/sql.md for why each entry is what it is.

export const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'databricks'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  /** The 64-bit float type of CAST (every input is cast to it: no integer division, no DECIMAL scale rules). */
  double: string;
  /** The text type of CAST (ids and names). */
  text: string;
  /** A quoted identifier. */
  quote(identifier: string): string;
  /** A string literal. */
  string(value: string): string;
  /** Base-10 logarithm (never a bare LOG: it is ln on some engines, base 10 on Postgres, and takes (x, base) on BigQuery). */
  log10(x: string): string;
  /**
   * Optional: log10 computed in stages of columns (then log10 is the column `result`), for an engine
   * that must give JavaScript's Math.log10 bit for bit (the DuckDB engine: fdlibm-log10.ts). kam sql's
   * dialects leave it out and call their LOG10.
   */
  log10Stages?(prefix: string, x: string): { stages: [string, string][][]; result: string };
  /** The sort key that orders ids by their UTF-8 bytes, whatever the column's or database's collation. */
  byteOrder(id: string): string;
}

const doubleQuoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
/** Standard SQL strings: a quote is doubled, a backslash is a backslash. */
const standardString = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** Strings where a backslash escapes (Snowflake, BigQuery, Databricks): both are escaped. */
const backslashString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;

export const DIALECT: Readonly<Record<DialectName, Dialect>> = {
  duckdb: {
    name: 'duckdb',
    double: 'DOUBLE',
    text: 'VARCHAR',
    quote: doubleQuoted,
    string: standardString,
    log10: (x) => `LOG10(${x})`,
    byteOrder: (id) => `${id} COLLATE "binary"`,
  },
  postgres: {
    name: 'postgres',
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    quote: doubleQuoted,
    string: standardString,
    log10: (x) => `LOG10(${x})`,
    byteOrder: (id) => `${id} COLLATE "C"`,
  },
  snowflake: {
    name: 'snowflake',
    double: 'DOUBLE',
    text: 'VARCHAR',
    quote: doubleQuoted,
    string: backslashString,
    // Snowflake has no LOG10; its LOG takes the base first.
    log10: (x) => `LOG(10, ${x})`,
    byteOrder: (id) => `COLLATE(${id}, 'utf8')`,
  },
  bigquery: {
    name: 'bigquery',
    double: 'FLOAT64',
    text: 'STRING',
    quote: (identifier) => `\`${identifier.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
    string: backslashString,
    log10: (x) => `LOG10(${x})`,
    byteOrder: (id) => `CAST(${id} AS BYTES)`,
  },
  databricks: {
    name: 'databricks',
    double: 'DOUBLE',
    text: 'STRING',
    quote: (identifier) => `\`${identifier.replace(/`/g, '``')}\``,
    string: backslashString,
    log10: (x) => `LOG10(${x})`,
    byteOrder: (id) => `CAST(${id} AS BINARY)`,
  },
};

/**
 * A number as a DOUBLE of the dialect, exactly kam's: a safe integer as is, any other number from
 * its shortest round-trip text (a bare 0.1 is DECIMAL on DuckDB, NUMERIC on Postgres, and a
 * DECIMAL of 17 digits loses bits on the way to DOUBLE).
 */
export function doubleLiteral(d: Dialect, n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER && !Object.is(n, -0)) return `CAST(${n} AS ${d.double})`;
  return `CAST('${Object.is(n, -0) ? '0' : String(n)}' AS ${d.double})`;
}
