/**
 * The importer's own refusals: bad usage, an unreadable file, a gateway it cannot reach or
 * that refuses the caller. Each carries a stable code, and the command prints `CODE: message`
 * and exits non-zero, never a stack trace. A refused *record* is not an error: it goes to the
 * report (report.ts) and the import carries on.
 *
 * @example
 * ```ts
 * throw new ImportError('USAGE', '--kind must be one of: parcels');
 * ```
 */
export type ImportErrorCode = 'USAGE' | 'UNREADABLE' | 'MALFORMED_FILE' | 'UNAVAILABLE' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CHECKPOINT_MISMATCH';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ImportError';
  }
}
