/**
 * Reads a source file of records: CSV with a header row (`.csv`) or JSON Lines, one JSON object
 * per line (`.jsonl`, `.ndjson`). Lines that hold no record (bad JSON, a CSV row of the wrong
 * width) come back with the problem, for the report; blank lines are skipped.
 *
 * @example
 * ```ts
 * const rows = readSource('parcels.csv');   // [{ line: 2, value: {...} }, { line: 3, problem: 'not valid JSON' }, ...]
 * ```
 */
import { readFileSync } from 'node:fs';
import { parseCsv, type SourceRow } from './csv';
import { ImportError } from './errors';

export type { SourceRow };
export type SourceFormat = 'csv' | 'jsonl';

/** The format a file name says: `.csv` or `.jsonl`/`.ndjson`; undefined otherwise. */
export function formatOf(file: string): SourceFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  return undefined;
}

/** Parses JSON Lines text: each non-blank line one JSON object. */
export function parseJsonLines(text: string): SourceRow[] {
  const rows: SourceRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rows.push({ line, problem: 'the line is not valid JSON' });
      return;
    }
    rows.push(typeof value === 'object' && value !== null && !Array.isArray(value) ? { line, value } : { line, problem: 'the line is not a JSON object' });
  });
  return rows;
}

/** The file's text; UNREADABLE when it cannot be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportError('UNREADABLE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** The records of `text` in `format`. */
export function parseSource(text: string, format: SourceFormat): SourceRow[] {
  return format === 'csv' ? parseCsv(text) : parseJsonLines(text);
}
