/**
 * Expected failures of the audit tooling, each with a stable code. The CLI prints them as
 * `{"error": {code, message}}` and exits non-zero; a later gateway route can map the codes to
 * HTTP statuses the same way.
 *
 * @example
 * ```ts
 * throw new AuditError('NOT_FOUND', 'parcel P-9 does not exist');
 * ```
 */
/** INVALID_ARGUMENT: bad input; NOT_FOUND: no such record; UNREADABLE: a file cannot be read; UNAVAILABLE: a peer cannot be reached or refused. */
export type AuditErrorCode = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'UNREADABLE' | 'UNAVAILABLE';

export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}

/** UNREADABLE for a failed file operation: `cannot read the document doc.json: ENOENT`. */
export function fileError(action: string, file: string, err: unknown): AuditError {
  return new AuditError('UNREADABLE', `${action} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}
