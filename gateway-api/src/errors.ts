/**
 * THE one place that turns errors into HTTP answers. Every failure leaves the gateway as an
 * RFC 9457 `application/problem+json` body with a stable `code`:
 *
 * ```json
 * { "type": "urn:city-ledger:problem:not-found", "title": "Not found", "status": 404,
 *   "code": "NOT_FOUND", "detail": "parcel P-9 does not exist" }
 * ```
 *
 * | source | code | status |
 * |---|---|---|
 * | chaincode `INVALID_ARGUMENT`, schema violation | `INVALID_ARGUMENT` | 400 |
 * | malformed JSON body | `MALFORMED_JSON` | 400 |
 * | malformed request line or URL (bad percent-encoding), not valid HTTP | `BAD_REQUEST` | 400 |
 * | request not received within the server's request timeout | `REQUEST_TIMEOUT` | 408 |
 * | request line and headers over the server's limit | `HEADERS_TOO_LARGE` | 431 |
 * | no or bad credentials | `UNAUTHENTICATED` | 401 |
 * | bearer token refused (signature, algorithm, issuer, audience, expiry, unknown subject) | `INVALID_TOKEN` | 401 |
 * | chaincode `FORBIDDEN`, wrong role, peer `PERMISSION_DENIED` | `FORBIDDEN` | 403 |
 * | a write on a read-only (regulator) gateway | `READ_ONLY` | 403 |
 * | chaincode `NOT_FOUND`, unknown route | `NOT_FOUND` | 404 |
 * | chaincode `CONFLICT`, Fabric CA "already registered" | `CONFLICT` | 409 |
 * | commit invalidated by an MVCC or phantom-read conflict (after the retries) | `MVCC_CONFLICT` | 409 |
 * | a request with the same `Idempotency-Key` is still running | `IDEMPOTENCY_IN_PROGRESS` | 409 |
 * | body over the size limit | `BODY_TOO_LARGE` | 413 |
 * | a batch with more records than its route's bound | `BATCH_TOO_LARGE` | 413 |
 * | body that is not JSON | `UNSUPPORTED_MEDIA_TYPE` | 415 |
 * | chaincode `FAILED_PRECONDITION` | `FAILED_PRECONDITION` | 422 |
 * | an `Idempotency-Key` used before for another request | `IDEMPOTENCY_KEY_REUSED` | 422 |
 * | the principal's request budget is spent (with `Retry-After`) | `RATE_LIMITED` | 429 |
 * | anything else (logged, never detailed) | `INTERNAL` | 500 |
 * | peer unreachable (gRPC `UNAVAILABLE`) | `UNAVAILABLE` | 503 |
 * | the token issuer's key set (JWKS) cannot be fetched | `KEYS_UNAVAILABLE` | 503 |
 * | the org's Fabric CA unreachable (admin routes) | `CA_UNAVAILABLE` | 503 |
 * | deadline passed (gRPC `DEADLINE_EXCEEDED`) | `DEADLINE_EXCEEDED` | 504 |
 *
 * `FAILED_PRECONDITION` is 422 rather than 409: the request is well-formed and does not collide
 * with another write; the object's current state (e.g. a transfer to the current owner, a
 * second release) makes it impossible. 409 stays for duplicates and concurrent writes.
 *
 * Ledger failures after a transaction ID exists carry it as `txId`, so a client can look the
 * transaction up. Bodies never carry a stack trace or an internal error's message.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { parseChaincodeError, type ErrorCode } from '@city-ledger/domain';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { LedgerError } from './fabric/ledgerError';
import { CA_ERRORS, FabricCaError } from './identities/fabricCaClient';

/** Stable problem codes, with their HTTP status and title. */
export const PROBLEM_CODES = {
  INVALID_ARGUMENT: { status: 400, title: 'Invalid argument' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request headers too large' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_TOKEN: { status: 401, title: 'Invalid bearer token' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  READ_ONLY: { status: 403, title: 'Read-only gateway' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  MVCC_CONFLICT: { status: 409, title: 'Concurrent update' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'Request in progress' },
  BODY_TOO_LARGE: { status: 413, title: 'Body too large' },
  BATCH_TOO_LARGE: { status: 413, title: 'Batch too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  FAILED_PRECONDITION: { status: 422, title: 'Failed precondition' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  UNAVAILABLE: { status: 503, title: 'Ledger unavailable' },
  KEYS_UNAVAILABLE: { status: 503, title: 'Token keys unavailable' },
  CA_UNAVAILABLE: { status: 503, title: 'Certificate authority unavailable' },
  DEADLINE_EXCEEDED: { status: 504, title: 'Ledger deadline exceeded' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** One schema violation: where (`/body/areaM2`) and what. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** The body of every error answer. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail?: string;
  readonly txId?: string;
  /** Schema violations, one per field. */
  readonly errors?: readonly FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A problem thrown on purpose by gateway code: it reaches the client as it is, with `headers`. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ProblemCode, detail?: string, extra: { txId?: string; errors?: readonly FieldProblem[]; headers?: Readonly<Record<string, string>> } = {}) {
    super(detail ?? PROBLEM_CODES[code].title);
    this.name = 'HttpProblem';
    this.problem = problem(code, detail, extra);
    this.headers = extra.headers ?? {};
  }
}

/** Shorthands for the problems gateway code raises itself. */
export const Problems = {
  unauthenticated: (detail: string) => new HttpProblem('UNAUTHENTICATED', detail),
  forbidden: (detail: string) => new HttpProblem('FORBIDDEN', detail),
  readOnly: () => new HttpProblem('READ_ONLY', 'this gateway belongs to a regulator and only reads'),
  invalidArgument: (detail: string, errors?: readonly FieldProblem[]) => new HttpProblem('INVALID_ARGUMENT', detail, { errors }),
  unsupportedMediaType: (detail: string) => new HttpProblem('UNSUPPORTED_MEDIA_TYPE', detail),
  notFound: (detail: string) => new HttpProblem('NOT_FOUND', detail),
};

/** Builds a problem body for `code`. */
export function problem(code: ProblemCode, detail?: string, extra: { txId?: string; errors?: readonly FieldProblem[] } = {}): Problem {
  const { status, title } = PROBLEM_CODES[code];
  return {
    type: `urn:city-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    ...(detail !== undefined ? { detail } : {}),
    ...(extra.txId !== undefined ? { txId: extra.txId } : {}),
    ...(extra.errors !== undefined && extra.errors.length > 0 ? { errors: extra.errors } : {}),
  };
}

/** How to answer an error, and whether it is ours to log as a fault. */
export interface MappedError {
  readonly problem: Problem;
  /** True for 5xx faults of the gateway itself: log them in full, tell the client nothing. */
  readonly internal: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

const CHAINCODE_CODES: Readonly<Record<ErrorCode, ProblemCode>> = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
};

/**
 * Errors Express's own libraries raise on a client's bad input (body-parser, raw-body, router)
 * follow the http-errors convention: a 4xx `status`, and for the body parser a `type`.
 */
interface ClientInputError {
  type?: unknown;
  status: number;
}

const BODY_PARSER_CODES: Readonly<Record<string, ProblemCode>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

const BODY_PARSER_DETAILS: Readonly<Record<string, string>> = {
  MALFORMED_JSON: 'the body is not valid JSON',
  BODY_TOO_LARGE: 'the body is larger than this gateway accepts',
  UNSUPPORTED_MEDIA_TYPE: 'the body must be UTF-8 JSON',
  BAD_REQUEST: 'the request cannot be read',
};

/** Maps any error to its problem. Unknown errors become a bare 500 `INTERNAL`. */
export function mapError(err: unknown): MappedError {
  if (err instanceof HttpProblem) return { problem: err.problem, internal: false, headers: err.headers };
  if (err instanceof LedgerError) return mapLedgerError(err);
  if (err instanceof FabricCaError) return mapCaError(err);
  // The router decodes path parameters; malformed percent-encoding is the client's error.
  if (err instanceof URIError) return { problem: problem('BAD_REQUEST', 'the URL is not valid percent-encoded UTF-8'), internal: false };
  if (isClientInputError(err)) {
    const code = (typeof err.type === 'string' ? BODY_PARSER_CODES[err.type] : undefined) ?? 'BAD_REQUEST';
    return { problem: problem(code, BODY_PARSER_DETAILS[code]), internal: false };
  }
  return { problem: problem('INTERNAL'), internal: true };
}

function mapLedgerError(err: LedgerError): MappedError {
  const txId = err.txId;
  const coded = parseChaincodeError(err.text);
  if (coded) return { problem: problem(CHAINCODE_CODES[coded.code], coded.message, { txId }), internal: false };
  if (err.phase === 'commit') {
    if (err.validationCode === 'MVCC_READ_CONFLICT' || err.validationCode === 'PHANTOM_READ_CONFLICT') {
      return { problem: problem('MVCC_CONFLICT', 'a concurrent transaction changed the same data; send the request again', { txId }), internal: false };
    }
    return { problem: problem('INTERNAL', undefined, { txId }), internal: true };
  }
  switch (err.grpcCode) {
    case GrpcStatus.UNAVAILABLE:
      return { problem: problem('UNAVAILABLE', 'no peer of this organization answered; try again shortly', { txId }), internal: false, headers: { 'Retry-After': '5' } };
    case GrpcStatus.DEADLINE_EXCEEDED:
      return {
        problem: problem('DEADLINE_EXCEEDED', txId ? 'the ledger did not answer in time; the transaction may still commit' : 'the ledger did not answer in time', { txId }),
        internal: false,
      };
    case GrpcStatus.PERMISSION_DENIED:
      return { problem: problem('FORBIDDEN', 'the ledger refused this identity', { txId }), internal: false };
    default:
      return { problem: problem('INTERNAL', undefined, { txId }), internal: true };
  }
}

/** The CA's own refusals of an admin request; any other CA failure is the gateway's fault (logged). */
function mapCaError(err: FabricCaError): MappedError {
  if (err.code === CA_ERRORS.DUPLICATE_IDENTITY) return { problem: problem('CONFLICT', 'the CA already has an identity of that name'), internal: false };
  if (err.status === 0) return { problem: problem('CA_UNAVAILABLE', "the organization's CA did not answer; try again shortly"), internal: false, headers: { 'Retry-After': '5' } };
  return { problem: problem('INTERNAL'), internal: true };
}

function isClientInputError(err: unknown): err is ClientInputError {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Where {@link sendProblem} leaves the code it answered with, for the metrics (`res.locals`). */
export const PROBLEM_CODE_LOCAL = 'problemCode';

/** Writes a problem answer. */
export function sendProblem(res: Response, body: Problem, headers: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.locals[PROBLEM_CODE_LOCAL] = body.code;
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** The app's last middleware: every error ends here. Internal faults are logged with their cause. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const mapped = mapError(err);
    const log = req.log ?? logger;
    if (mapped.internal) {
      log.error({ err }, 'request failed');
    } else if (err instanceof LedgerError) {
      log.info({ code: mapped.problem.code, txId: err.txId, phase: err.phase }, 'ledger refused the request');
    }
    sendProblem(res, mapped.problem, mapped.headers);
  };
}

/** For unknown routes: 404 `NOT_FOUND`. */
export const notFoundHandler: RequestHandler = (req) => {
  throw Problems.notFound(`no route ${req.method} ${req.path}`);
};
