/**
 * The report of refused lines: one per line of the source file that was not imported, with the
 * stable code and the message (the importer's own check, or the ledger's answer), as CSV for a
 * spreadsheet and as text for the terminal.
 *
 * @example
 * ```ts
 * refusedCsv([{ line: 7, code: 'CONFLICT', message: 'parcel P-9 already exists' }]);
 * // 'line,code,message\n7,CONFLICT,parcel P-9 already exists\n'
 * ```
 */
import type { RefusedLine } from './plan';

const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function refusedCsv(refused: readonly RefusedLine[]): string {
  return ['line,code,message', ...refused.map((r) => `${r.line},${quoted(r.code)},${quoted(r.message)}`)].join('\n') + '\n';
}

/** `line 7: CONFLICT: parcel P-9 already exists`. */
export function describeRefused(r: RefusedLine): string {
  return `line ${r.line}: ${r.code}: ${r.message}`;
}
