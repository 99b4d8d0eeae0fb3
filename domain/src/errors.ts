/**
 * Typed chaincode errors with stable codes.
 *
 * Fabric hands only an error's `message` to the client (the gateway sees it inside the
 * endorsement error details, e.g. `chaincode response 500, NOT_FOUND: parcel P-1 does not exist`).
 * So the code travels inside the message, as `CODE: human message`, and
 * {@link parseChaincodeError} recovers it on the gateway side.
 *
 * @example
 * ```ts
 * if (!parcel) throw notFound('parcel', id);          // "NOT_FOUND: parcel P-1 does not exist"
 * if (parcel.status !== 'active') throw failedPrecondition(`parcel ${id} is ${parcel.status}`);
 * ```
 */

/** Stable error codes; the gateway maps them to HTTP statuses (400, 404, 409, 403, 412/409). */
export type ErrorCode = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'FAILED_PRECONDITION';

/** Every code, for exhaustive checks and for the parser. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'FAILED_PRECONDITION',
];

/** An expected, client-caused failure. `message` is `CODE: detail`; `detail` is the human part. */
export class ChaincodeError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    // One line only: the parser reads up to the end of the line.
    const oneLine = detail.replace(/[\r\n]+/g, ' ');
    super(`${code}: ${oneLine}`);
    this.name = 'ChaincodeError';
    this.code = code;
    this.detail = oneLine;
  }
}

/** Bad input: malformed, missing or out-of-range argument. */
export function invalidArgument(message: string): ChaincodeError {
  return new ChaincodeError('INVALID_ARGUMENT', message);
}

/** The object does not exist: `notFound('parcel', 'P-1')` -> `NOT_FOUND: parcel P-1 does not exist`. */
export function notFound(kind: string, id: string): ChaincodeError {
  return new ChaincodeError('NOT_FOUND', `${kind} ${id} does not exist`);
}

/** The object already exists or a concurrent change collides. */
export function conflict(message: string): ChaincodeError {
  return new ChaincodeError('CONFLICT', message);
}

/** The caller's organization or role may not do this. */
export function forbidden(message: string): ChaincodeError {
  return new ChaincodeError('FORBIDDEN', message);
}

/** The object is not in a state that allows this (e.g. a state-machine transition). */
export function failedPrecondition(message: string): ChaincodeError {
  return new ChaincodeError('FAILED_PRECONDITION', message);
}

const CODED_MESSAGE = new RegExp(`\\b(${ERROR_CODES.join('|')}): ([^\\r\\n]*)`);

/**
 * Finds a `CODE: message` anywhere in a (possibly wrapped) Fabric error string.
 * Returns undefined when no code is present (an unexpected chaincode or network failure).
 *
 * @example
 * ```ts
 * parseChaincodeError('chaincode response 500, NOT_FOUND: parcel P-1 does not exist');
 * // { code: 'NOT_FOUND', message: 'parcel P-1 does not exist' }
 * ```
 */
export function parseChaincodeError(message: string): { code: ErrorCode; message: string } | undefined {
  const match = CODED_MESSAGE.exec(message);
  if (!match) {
    return undefined;
  }
  return { code: match[1] as ErrorCode, message: (match[2] ?? '').trim() };
}
