/**
 * A failed ledger call, in one shape whatever went wrong, so that errors.ts maps it to HTTP
 * without knowing @hyperledger/fabric-gateway's error classes (and so that fakes can throw it).
 *
 * @example
 * ```ts
 * try {
 *   await contract.evaluate('getParcel', { arguments: ['P-1'] });
 * } catch (err) {
 *   throw toLedgerError(err, 'evaluate');   // LedgerError { phase: 'evaluate', grpcCode: 2, details: ['chaincode response 500, NOT_FOUND: …'] }
 * }
 * ```
 */
import { status as GrpcStatus } from '@grpc/grpc-js';

/** Where a call failed: evaluate, or one of a submit's steps. */
export type LedgerPhase = 'evaluate' | 'endorse' | 'submit' | 'commitStatus' | 'commit';

export interface LedgerErrorProperties {
  readonly phase: LedgerPhase;
  readonly message: string;
  /** gRPC status code of the failed call; absent for a commit that was invalidated. */
  readonly grpcCode?: number;
  /** Per-peer messages: the chaincode's `CODE: message` is usually here. */
  readonly details?: readonly string[];
  /** The transaction ID, once one exists (every phase of a submit). */
  readonly txId?: string;
  /** For phase `commit`: the validation code's name, e.g. `MVCC_READ_CONFLICT`. */
  readonly validationCode?: string;
  readonly cause?: unknown;
}

export class LedgerError extends Error {
  readonly phase: LedgerPhase;
  readonly grpcCode?: number;
  readonly details: readonly string[];
  readonly txId?: string;
  readonly validationCode?: string;

  constructor(properties: LedgerErrorProperties) {
    super(properties.message, { cause: properties.cause });
    this.name = 'LedgerError';
    this.phase = properties.phase;
    this.grpcCode = properties.grpcCode;
    this.details = properties.details ?? [];
    this.txId = properties.txId;
    this.validationCode = properties.validationCode;
  }

  /** The message and every peer's detail, one per line: where to look for a chaincode error code. */
  get text(): string {
    return [this.message, ...this.details].join('\n');
  }

  /** True when the peer could not be reached: the call may be retried on another peer. */
  get unavailable(): boolean {
    return this.grpcCode === GrpcStatus.UNAVAILABLE;
  }

  /**
   * True when a submit was refused because the orderers already have the transaction (SmartBFT:
   * "request already processed", or "request already exists" from those that did not count it
   * as a success): it is ordered or being ordered, so its commit status settles it, and sending
   * it again would only be refused again.
   */
  get alreadyOrdered(): boolean {
    return this.phase === 'submit' && ALREADY_ORDERED.test(this.text);
  }
}

/** What the orderers answer (in the Fabric gateway's details) for a transaction they already have. */
const ALREADY_ORDERED = /request already (processed|exists)/;

interface GatewayErrorShape {
  name: string;
  message: string;
  code?: unknown;
  details?: { message?: string }[];
  transactionId?: string;
}

const VALIDATION_CODE_NAMES: Record<number, string> = {
  10: 'ENDORSEMENT_POLICY_FAILURE',
  11: 'MVCC_READ_CONFLICT',
  12: 'PHANTOM_READ_CONFLICT',
};

/**
 * Turns what @hyperledger/fabric-gateway threw (GatewayError, EndorseError, SubmitError,
 * CommitStatusError, CommitError) or a raw gRPC error into a {@link LedgerError}. Duck-typed on
 * purpose: it needs no runtime import of fabric-gateway.
 */
export function toLedgerError(err: unknown, phase: LedgerPhase): LedgerError {
  if (err instanceof LedgerError) return err;
  if (typeof err !== 'object' || err === null) return new LedgerError({ phase, message: String(err), cause: err });
  const e = err as GatewayErrorShape;
  if (e.name === 'CommitError') {
    const code = typeof e.code === 'number' ? e.code : -1;
    return new LedgerError({
      phase: 'commit',
      message: e.message,
      txId: e.transactionId,
      validationCode: VALIDATION_CODE_NAMES[code] ?? `VALIDATION_CODE_${code}`,
      cause: err,
    });
  }
  return new LedgerError({
    phase,
    message: e.message,
    grpcCode: typeof e.code === 'number' ? e.code : undefined,
    details: Array.isArray(e.details) ? e.details.map((d) => d.message ?? '') : [],
    txId: typeof e.transactionId === 'string' ? e.transactionId : undefined,
    cause: err,
  });
}
