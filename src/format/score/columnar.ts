// The hook between `kam score --data` and the score formats: a report made of a client file's
// columns carries a writer of its rows as bytes (src/io/score-export.ts), which the csv, json and
// markdown formats use instead of materializing each row. The formatters of index.ts and
// markdown.ts stay the reference (KAM_EXPORT=reference uses them; a differential test holds
// the two byte-equal).
import type { ScoreReport } from '../../core/score-report.js';
import type { ScoredAccount } from '../../core/scoring.js';

export interface ColumnarRows {
  /** The CSV rows (after the header), each ending in CRLF. */
  csvRows(): AsyncIterable<Uint8Array>;
  /** The accounts of the JSON document as the reference writes them between `[` and `\n  ]`: each item after "\n" (first) or ",\n". */
  jsonItems(): AsyncIterable<Uint8Array>;
  /** The Markdown table rows, each ending in "\n"; `tierCells[k]` is tier k's cell ('–' for none is the writer's). */
  markdownRows(tierCells: readonly string[]): AsyncIterable<Uint8Array>;
}

const registered = new WeakMap<ScoreReport, ColumnarRows>();

export function registerColumnarRows(report: ScoreReport, rows: ColumnarRows): void {
  registered.set(report, rows);
}

/** The report's columnar rows, unless there are none or KAM_EXPORT=reference asks for the reference formatters. */
export function columnarRowsOf(report: ScoreReport): ColumnarRows | undefined {
  if (process.env.KAM_EXPORT === 'reference') return undefined;
  return registered.get(report);
}

const RECYCLE = Symbol('kam.recycle');

/**
 * Marks a chunk of output whose memory its writer takes back once the chunk has been written
 * (the CLI calls `recycleAfterWrite(chunk)`'s function when stdout has written it): a million-row export then
 * reuses a few Buffers instead of leaving hundreds for V8 to collect, which it does late (they
 * are outside its heap), so that they would count in the peak memory.
 */
export function recyclable(chunk: Uint8Array, takeBack: () => void): Uint8Array {
  (chunk as Uint8Array & { [RECYCLE]?: () => void })[RECYCLE] = takeBack;
  return chunk;
}

/** The callback that gives a written chunk back to its writer, if it has one. */
export function recycleAfterWrite(chunk: string | Uint8Array): (() => void) | undefined {
  return typeof chunk === 'string' ? undefined : (chunk as Uint8Array & { [RECYCLE]?: () => void })[RECYCLE];
}

/**
 * Accounts read while the output is written, in rank order and in chunks (DuckDB's results, read
 * from its stream: the accounts of a 10M-row file would not fit). The json and markdown formats
 * write each chunk with their reference code; `report.shown.length` says how many will come.
 */
export type StreamedAccounts = AsyncIterable<readonly ScoredAccount[]>;

const streamed = new WeakMap<ScoreReport, StreamedAccounts>();

export function registerStreamedAccounts(report: ScoreReport, accounts: StreamedAccounts): void {
  streamed.set(report, accounts);
}

export function streamedAccountsOf(report: ScoreReport): StreamedAccounts | undefined {
  return streamed.get(report);
}
