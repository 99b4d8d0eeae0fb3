/**
 * CSV (RFC 4180: comma-separated, `"` quotes, `""` inside quotes, CRLF or LF) into one object
 * per row, keyed by the header row. A dotted header nests: `owner.name` fills `{ owner: { name } }`,
 * so a flat spreadsheet carries a record's nested parts. Empty cells are left out (an optional
 * field left blank is absent). Each row keeps the file line it starts on, for the report.
 *
 * @example
 * ```ts
 * parseCsv('id,owner.name\nP-1,"Lovelace, Ada"\n');   // [{ line: 2, value: { id: 'P-1', owner: { name: 'Lovelace, Ada' } } }]
 * ```
 */
import { ImportError } from './errors';

/** One record of a source file, at the line it starts on, or why that line holds none. */
export type SourceRow = { readonly line: number; readonly value: unknown } | { readonly line: number; readonly problem: string };

/** Splits CSV text into rows of cells, each with the line it starts on. */
function splitCells(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new ImportError('MALFORMED_FILE', `line ${rowLine}: a quoted cell is never closed`);
  endRow();
  return rows;
}

/** Parses CSV text with a header row into one object per data row. */
export function parseCsv(text: string): SourceRow[] {
  const [header, ...rows] = splitCells(text.replace(/^\uFEFF/, ''));
  if (!header) throw new ImportError('MALFORMED_FILE', 'the CSV file is empty: it needs a header row');
  const names = header.cells.map((name) => name.trim());
  const blank = names.findIndex((name) => name === '' || name.split('.').some((part) => part === ''));
  if (blank >= 0) throw new ImportError('MALFORMED_FILE', `line ${header.line}: header ${blank + 1} is empty or has an empty part`);
  return rows.map(({ line, cells }) => {
    if (cells.length !== names.length) {
      return { line, problem: `the row has ${cells.length} cells; the header has ${names.length}` };
    }
    const value: Record<string, unknown> = {};
    names.forEach((name, i) => {
      if (cells[i] !== '') setPath(value, name.split('.'), cells[i]);
    });
    return { line, value };
  });
}

function setPath(target: Record<string, unknown>, path: readonly string[], cell: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = cell;
    return;
  }
  const child = typeof target[head] === 'object' && target[head] !== null ? (target[head] as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, cell);
}
