// `kam sql` (issue 21): the model of kam.yaml compiled into one SELECT, written through the
// per-dialect table (dialects.ts). Each CTE does one step of SPEC 3, in the order and with the
// arithmetic of src/core/scoring.ts and src/io/client-rows.ts, so that the engine's doubles are
// kam's (docs/sql.md says why each construct is the one used).
import type { Scale } from '../core/config.js';
import { doubleLiteral, type Dialect } from './dialects.js';
import type { SqlCriterion, SqlModel } from './model.js';

export interface CompileOptions {
  /** What FROM reads: a table name, or an expression (read_csv('x.csv')), written as given. */
  from: string;
  /** The first line(s): a comment naming kam's version and the model. */
  header?: string;
}

const I = (i: number) => i + 1;

/** The CTEs shared by the account query and the portfolio query; the last one is kam_scored. */
export function scoredCtes(m: SqlModel, d: Dialect, from: string): string[] {
  const num = (n: number) => doubleLiteral(d, n);
  const dbl = (e: string) => `CAST(${e} AS ${d.double})`;
  // A finite number, else NULL: kam reads NaN and ±Infinity as missing (x - x = 0 holds for finite x only; NaN = NaN is true on Postgres, DuckDB and Spark, so x <> x is no test).
  const finite = (e: string) => `CASE WHEN ${e} - ${e} = 0 THEN ${e} END`;
  const ctes: string[] = [];

  // 1. The columns kam reads, typed: ids and names as trimmed text, numbers as DOUBLE.
  const src: string[] = [`TRIM(CAST(${d.quote(m.idColumn)} AS ${d.text})) AS kam_id`];
  src.push(m.nameColumn !== undefined ? `TRIM(CAST(${d.quote(m.nameColumn)} AS ${d.text})) AS kam_name` : `CAST('' AS ${d.text}) AS kam_name`);
  m.revenue.forEach((r, k) => src.push(`${dbl(d.quote(r.column))} AS kam_r${I(k)}`));
  src.push(m.walletColumn !== undefined ? `${dbl(d.quote(m.walletColumn))} AS kam_wallet` : `CAST(NULL AS ${d.double}) AS kam_wallet`);
  m.criteria.forEach((c, i) => {
    if (c.input.kind === 'column') src.push(`${dbl(d.quote(c.input.column))} AS kam_m${I(i)}`);
  });
  ctes.push(`kam_src AS (\n  SELECT\n    ${src.join(',\n    ')}\n  FROM ${from}\n)`);

  // 2. The rows kam scores: an id (a blank one is a row kam would id by its name: not SQL), no negative amount (kam reports such rows and leaves them out).
  // A row without a name is shown by its id (client-data.ts).
  const clean: string[] = ['kam_id', `CASE WHEN kam_name IS NULL OR kam_name = '' THEN kam_id ELSE kam_name END AS kam_name`];
  m.revenue.forEach((_, k) => clean.push(`${finite(`kam_r${I(k)}`)} AS kam_r${I(k)}`));
  clean.push(`${finite('kam_wallet')} AS kam_wallet`);
  m.criteria.forEach((c, i) => {
    if (c.input.kind === 'column') clean.push(`${finite(`kam_m${I(i)}`)} AS kam_m${I(i)}`);
  });
  const negative = [...m.revenue.map((_, k) => `kam_r${I(k)} < 0`), 'kam_wallet < 0'];
  ctes.push(`kam_rows AS (\n  SELECT\n    ${clean.join(',\n    ')}\n  FROM kam_src\n  WHERE kam_id IS NOT NULL AND kam_id <> ''\n    AND (CASE WHEN ${negative.join(' OR ')} THEN 1 ELSE 0 END) = 0\n)`);

  // 3. Revenue: the latest and first years that have an amount, the total in year order (client-rows.ts).
  const years = m.revenue.map((r, k) => ({ year: r.year, col: `kam_r${I(k)}` }));
  const desc = [...years].reverse();
  const rev: string[] = ['kam_rows.*'];
  if (years.length > 0) {
    rev.push(`COALESCE(${desc.map((y) => y.col).join(', ')}) AS kam_latest`);
    rev.push(`CASE ${desc.map((y) => `WHEN ${y.col} IS NOT NULL THEN ${num(y.year)}`).join(' ')} END AS kam_latest_year`);
    rev.push(`COALESCE(${years.map((y) => y.col).join(', ')}) AS kam_first`);
    rev.push(`CASE ${years.map((y) => `WHEN ${y.col} IS NOT NULL THEN ${num(y.year)}`).join(' ')} END AS kam_first_year`);
    rev.push(`CASE WHEN ${years.map((y) => `${y.col} IS NULL`).join(' AND ')} THEN NULL ELSE ${[num(0), ...years.map((y) => `COALESCE(${y.col}, ${num(0)})`)].join(' + ')} END AS kam_total`);
  } else {
    for (const c of ['kam_latest', 'kam_latest_year', 'kam_first', 'kam_first_year', 'kam_total']) rev.push(`CAST(NULL AS ${d.double}) AS ${c}`);
  }
  ctes.push(`kam_rev AS (\n  SELECT\n    ${rev.join(',\n    ')}\n  FROM kam_rows\n)`);

  // 4. Each criterion's input (a derived one that overflows is missing, as in kam's reader).
  const inputOf = (c: SqlCriterion, i: number): string => {
    switch (c.input.kind) {
      case 'latest': return 'kam_latest';
      case 'total': return 'kam_total';
      case 'cagr':
        return `CASE WHEN kam_latest IS NOT NULL AND kam_first > 0 AND kam_latest_year <> kam_first_year THEN POWER(kam_latest / kam_first, ${num(1)} / (kam_latest_year - kam_first_year)) - ${num(1)} END`;
      case 'wallet': return 'kam_wallet';
      case 'shareOfWallet': return `CASE WHEN kam_latest IS NOT NULL AND kam_wallet IS NOT NULL AND kam_wallet <> 0 THEN kam_latest / kam_wallet END`;
      case 'column': return `kam_m${I(i)}`;
      case 'none': return `CAST(NULL AS ${d.double})`;
    }
  };
  const raw = ['kam_id', 'kam_name', `COALESCE(kam_latest, ${num(0)}) AS kam_latest`, ...m.criteria.map((c, i) => `${inputOf(c, i)} AS kam_x${I(i)}`)];
  ctes.push(`kam_raw AS (\n  SELECT\n    ${raw.join(',\n    ')}\n  FROM kam_rev\n)`);
  const inputs = ['kam_id', 'kam_name', 'kam_latest', ...m.criteria.map((c, i) => (c.input.kind === 'cagr' || c.input.kind === 'shareOfWallet' ? `${finite(`kam_x${I(i)}`)} AS kam_x${I(i)}` : `kam_x${I(i)}`))];
  // Percentile: counts among the rows that have the input (NULLS LAST, so that no NULL ranks before
  // a value): below = count(v < x), equal = count(v = x) from two ranks (BigQuery cannot PARTITION BY a FLOAT64).
  m.criteria.forEach((c, i) => {
    if (c.scale.type !== 'percentile') return;
    const x = `kam_x${I(i)}`;
    inputs.push(`COUNT(${x}) OVER () AS kam_n${I(i)}`);
    inputs.push(`RANK() OVER (ORDER BY ${x} ASC NULLS LAST) - 1 AS kam_lt${I(i)}`);
    inputs.push(`RANK() OVER (ORDER BY ${x} DESC NULLS LAST) - 1 AS kam_gt${I(i)}`);
  });
  ctes.push(`kam_inputs AS (\n  SELECT\n    ${inputs.join(',\n    ')}\n  FROM kam_raw\n)`);

  // 5. Each criterion's score s in [0, 1] (NULL when its input is missing).
  // An engine that computes log10 in stages (dialects.ts: log10Stages) gets them as columns before kam_s.
  const logStages: [string, string][][] = [];
  const logColumn = new Map<number, string>();
  if (d.log10Stages) {
    m.criteria.forEach((c, i) => {
      if (c.scale.type !== 'log') return;
      const x = `kam_x${I(i)}`;
      const staged = d.log10Stages!(`kam_lg${I(i)}_`, `CASE WHEN ${x} > ${num(c.scale.min)} THEN ${x} ELSE ${num(c.scale.min)} END`);
      staged.stages.forEach((stage, k) => (logStages[k] ??= []).push(...stage));
      logColumn.set(i, staged.result);
    });
  }
  const clamp = (v: string) => `CASE WHEN ${v} < 0 THEN ${num(0)} WHEN ${v} > 1 THEN ${num(1)} ELSE ${v} END`;
  const scaleOf = (scale: Scale, x: string, i: number): string => {
    switch (scale.type) {
      case 'linear':
        return clamp(`((${x} - ${num(scale.min)}) / ${num(scale.max - scale.min)})`);
      case 'log': {
        const logMin = Math.log10(scale.min);
        const span = Math.log10(scale.max) - logMin;
        const log = logColumn.get(i) ?? d.log10(`CASE WHEN ${x} > ${num(scale.min)} THEN ${x} ELSE ${num(scale.min)} END`);
        return clamp(`((${log} - ${num(logMin)}) / ${num(span)})`);
      }
      case 'steps': {
        // The step of the greatest min <= x; of equal mins, the last one listed (as kam's loop).
        const order = scale.steps.map((s, k) => ({ ...s, k })).sort((a, b) => b.min - a.min || b.k - a.k);
        return `CASE ${order.map((s) => `WHEN ${x} >= ${num(s.min)} THEN ${num(s.score)}`).join(' ')} ELSE ${num(0)} END`;
      }
      case 'percentile': {
        const n = `kam_n${I(i)}`;
        const lt = `kam_lt${I(i)}`;
        const equal = `(${n} - ${lt} - kam_gt${I(i)})`;
        return `CASE WHEN ${n} <= 1 THEN ${num(1)} ELSE (CAST(${lt} AS ${d.double}) + CAST(${equal} - 1 AS ${d.double}) / ${num(2)}) / CAST(${n} - 1 AS ${d.double}) END`;
      }
    }
  };
  const zero = m.missing === 'zero';
  const scores = ['kam_id', 'kam_name', 'kam_latest'];
  m.criteria.forEach((c, i) => {
    const x = `kam_x${I(i)}`;
    scores.push(x);
    scores.push(`CASE WHEN ${x} IS NULL THEN ${zero ? num(0) : `CAST(NULL AS ${d.double})`} ELSE ${scaleOf(c.scale, x, i)} END AS kam_s${I(i)}`);
  });
  let scoresFrom = 'kam_inputs';
  if (logStages.length > 0) {
    let staged = 'kam_inputs';
    for (const stage of logStages) staged = `(SELECT *, ${stage.map(([name, e]) => `${e} AS ${name}`).join(', ')} FROM ${staged})`;
    ctes.push(`kam_logs AS (\n  SELECT * FROM ${staged} AS kam_staged\n)`);
    scoresFrom = 'kam_logs';
  }
  ctes.push(`kam_s AS (\n  SELECT\n    ${scores.join(',\n    ')}\n  FROM ${scoresFrom}\n)`);

  // 6. Σ w over the criteria that count, Σ w·s in model order (from 0, as kam adds them).
  const totalWeight = m.criteria.reduce((sum, c) => sum + c.weight, 0);
  const weights = zero ? num(totalWeight) : [num(0), ...m.criteria.map((c, i) => `CASE WHEN kam_x${I(i)} IS NULL THEN ${num(0)} ELSE ${num(c.weight)} END`)].join(' + ');
  const weighted = [num(0), ...m.criteria.map((c, i) => `CASE WHEN kam_x${I(i)} IS NULL THEN ${num(0)} ELSE ${num(c.weight)} * kam_s${I(i)} END`)].join(' + ');
  ctes.push(`kam_w AS (\n  SELECT\n    kam_s.*,\n    ${weights} AS kam_wsum,\n    ${weighted} AS kam_wssum\n  FROM kam_s\n)`);

  // 7. Score, contributions, tier (first tier whose min the unrounded score reaches), missing criteria.
  const score = `CASE WHEN kam_wsum > 0 THEN ${num(100)} * kam_wssum / kam_wsum ELSE ${num(0)} END`;
  const scored = ['kam_id', 'kam_name', 'kam_latest', `${score} AS kam_score`];
  m.criteria.forEach((c, i) => {
    scored.push(`kam_x${I(i)}`, `kam_s${I(i)}`);
    scored.push(`CASE WHEN kam_s${I(i)} IS NOT NULL AND kam_wsum > 0 THEN ${num(100 * c.weight)} * kam_s${I(i)} / kam_wsum ELSE ${num(0)} END AS kam_c${I(i)}`);
  });
  const missing = m.criteria.map((c, i) => `CASE WHEN kam_x${I(i)} IS NULL THEN ${d.string(`,${c.id}`)} ELSE '' END`);
  scored.push(`SUBSTR(${["''", ...missing].join(' || ')}, 2) AS kam_missing`);
  ctes.push(`kam_c AS (\n  SELECT\n    ${scored.join(',\n    ')}\n  FROM kam_w\n)`);
  const tier = `CASE ${m.tiers.map((t) => `WHEN kam_score >= ${num(t.min)} THEN ${d.string(t.id)}`).join(' ')} END`;
  ctes.push(`kam_scored AS (\n  SELECT\n    kam_c.*,\n    ${tier} AS kam_tier,\n    ROW_NUMBER() OVER (ORDER BY kam_score DESC, ${d.byteOrder('kam_id')} ASC) AS kam_rank\n  FROM kam_c\n)`);
  return ctes;
}

/** One row per account: id, name, each criterion's input, score and contribution, the score, tier, rank and missing criteria. */
export function compileScores(m: SqlModel, d: Dialect, options: CompileOptions): string {
  const ctes = scoredCtes(m, d, options.from);
  const cols = [`kam_id AS ${d.quote('id')}`, `kam_name AS ${d.quote('name')}`];
  m.criteria.forEach((c, i) => {
    cols.push(`kam_x${I(i)} AS ${d.quote(`${c.alias}_input`)}`, `kam_s${I(i)} AS ${d.quote(`${c.alias}_score`)}`, `kam_c${I(i)} AS ${d.quote(`${c.alias}_contribution`)}`);
  });
  cols.push(`kam_score AS ${d.quote('score')}`, `kam_tier AS ${d.quote('tier')}`, `kam_rank AS ${d.quote('rank')}`, `kam_missing AS ${d.quote('missing')}`);
  return `${options.header ?? ''}WITH\n${ctes.join(',\n')}\nSELECT\n  ${cols.join(',\n  ')}\nFROM kam_scored\nORDER BY kam_rank\n`;
}

/**
 * One row: accounts, total revenue (revenue.latest, 0 when absent), Pareto vitalFew (the fewest
 * largest accounts whose revenue reaches 80% of the total, as kam's target with its 1e-12 margin)
 * and vitalFewShare, top1Share, top5Share, HHI, and the accounts per tier.
 */
export function compilePortfolio(m: SqlModel, d: Dialect, options: CompileOptions): string {
  const num = (n: number) => doubleLiteral(d, n);
  const ctes = scoredCtes(m, d, options.from);
  ctes.push(`kam_total AS (\n  SELECT\n    COUNT(*) AS kam_n,\n    COALESCE(SUM(kam_latest), ${num(0)}) AS kam_sum\n  FROM kam_scored\n)`);
  ctes.push(
    `kam_ordered AS (\n  SELECT\n    kam_latest,\n    kam_tier,\n    ROW_NUMBER() OVER (ORDER BY kam_latest DESC) AS kam_pos,\n` +
      `    COALESCE(SUM(kam_latest) OVER (ORDER BY kam_latest DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), ${num(0)}) AS kam_before\n  FROM kam_scored\n)`,
  );
  const target = `${num(0.8)} * t.kam_sum * ${num(1 - 1e-12)}`;
  const positive = 't.kam_sum > 0';
  const vitalFew = `CASE WHEN ${positive} THEN COUNT(CASE WHEN o.kam_before < ${target} THEN 1 END) ELSE 0 END`;
  // A divisor that is NULL, not 0, on an empty or zero portfolio: an aggregate's argument is computed
  // on every row even inside CASE WHEN (Postgres raises division by zero; BigQuery too).
  const total = `(CASE WHEN ${positive} THEN t.kam_sum END)`;
  const share = `(o.kam_latest / ${total} * ${num(100)})`;
  const cols = [
    `t.kam_n AS ${d.quote('accounts')}`,
    `t.kam_sum AS ${d.quote('total_revenue')}`,
    `${vitalFew} AS ${d.quote('vital_few')}`,
    `CASE WHEN ${positive} THEN CAST(${vitalFew} AS ${d.double}) / CAST(CASE WHEN t.kam_n > 0 THEN t.kam_n END AS ${d.double}) ELSE ${num(0)} END AS ${d.quote('vital_few_share')}`,
    `CASE WHEN ${positive} THEN MAX(o.kam_latest) / ${total} ELSE ${num(0)} END AS ${d.quote('top1_share')}`,
    `CASE WHEN ${positive} THEN SUM(CASE WHEN o.kam_pos <= 5 THEN o.kam_latest ELSE ${num(0)} END) / ${total} ELSE ${num(0)} END AS ${d.quote('top5_share')}`,
    `CASE WHEN ${positive} THEN SUM(${share} * ${share}) ELSE ${num(0)} END AS ${d.quote('hhi')}`,
    ...m.tiers.map((t) => `SUM(CASE WHEN o.kam_tier = ${d.string(t.id)} THEN 1 ELSE 0 END) AS ${d.quote(`tier_${t.alias}`)}`),
  ];
  // LEFT JOIN: an empty table still gives its one row of zeros.
  return `${options.header ?? ''}WITH\n${ctes.join(',\n')}\nSELECT\n  ${cols.join(',\n  ')}\nFROM kam_total t\nLEFT JOIN kam_ordered o ON 1 = 1\nGROUP BY t.kam_n, t.kam_sum\n`;
}
