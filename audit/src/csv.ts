/**
 * CSV as RFC 4180 writes it: CRLF line ends, and a field is quoted when it holds a comma, a
 * quote, CR or LF, with quotes doubled inside. Values are written exactly: nothing is
 * prefixed to defuse spreadsheet formulas, because an audit export must not alter data
 * (import the file as text).
 *
 * @example
 * ```ts
 * toCsv(['id', 'note'], [['P-1', 'says "hi", twice']]); // 'id,note\r\nP-1,"says ""hi"", twice"\r\n'
 * ```
 */

/** One field, quoted when needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header line and one line per row; every row must have the header's length. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row, i) => {
    if (row.length !== header.length) throw new Error(`CSV row ${i} has ${row.length} fields, the header ${header.length}`);
    return `${row.map(csvField).join(',')}\r\n`;
  }).join('');
}
