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
import { parseChaincodeError } from '@city-ledger/chaincode-common';

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

/**
 * Turns a Fabric Gateway failure into an AuditError: the chaincode's `CODE: message`
 * (NOT_FOUND, INVALID_ARGUMENT, ...) when there is one, else UNAVAILABLE with the gRPC text.
 */
export function fromGatewayError(err: unknown, what: string): AuditError {
  if (err instanceof AuditError) return err;
  const e = err as { message?: string; details?: { message?: string }[] };
  const text = [e.message ?? String(err), ...(e.details ?? []).map((d) => d.message ?? '')].join('\n');
  const coded = parseChaincodeError(text);
  if (coded?.code === 'NOT_FOUND' || coded?.code === 'INVALID_ARGUMENT') return new AuditError(coded.code, coded.message);
  const firstLine = (coded?.message ?? text).split('\n')[0] ?? '';
  return new AuditError('UNAVAILABLE', `${what} failed: ${firstLine}`);
}
