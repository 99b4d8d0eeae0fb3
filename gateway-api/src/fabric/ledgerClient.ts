/**
 * What the gateway needs from the ledger, and nothing more: routes and the submit pipeline
 * depend on this interface, the real implementation is {@link FabricLedgerClient}
 * (fabricLedgerClient.ts), and unit tests use `FakeLedgerClient` (testing/fakeLedgerClient.ts).
 *
 * Every call runs as the calling principal's own Fabric identity (`principal.user`), so the
 * chaincode sees the real caller and stays the authority on who may do what.
 *
 * A write is three steps, so that the submit pipeline (submit/submitter.ts) can answer after
 * any of them, keep what it needs to finish after a restart, and retry each step safely:
 *
 * @example
 * ```ts
 * const bytes = await ledger.evaluate(principal, 'records', 'property', 'getParcel', ['P-1']);
 *
 * const endorsed = await ledger.endorse(principal, {
 *   chaincode: 'records', contract: 'property', fn: 'registerParcel', args: [parcelJson],
 *   transient: { owner: JSON.stringify(owner) }, endorsingOrganizations: ['RegistryMSP'],
 * });                                                        // a fresh proposal: nothing ordered yet
 * await ledger.submit(principal, endorsed.transaction);     // to the orderer; repeating it is harmless
 * const status = await ledger.commitStatus(principal, endorsed.txId);   // waits for the block
 * if (status.valid) console.log(status.blockNumber, endorsed.result);
 * ```
 *
 * Failures are thrown as {@link LedgerError}; an invalidated transaction is not a failure of
 * `commitStatus` (it answers `valid: false` and the validation code).
 */
import type { Principal } from '../auth/principal';

/** Options of a transaction: private data and the orgs that must endorse it. */
export interface SubmitOptions {
  /** Transient data: private fields, never written to the public ledger. Values are usually JSON text. */
  readonly transient?: Readonly<Record<string, string>>;
  /** Limit endorsement to these MSP IDs (the private data collection's members). */
  readonly endorsingOrganizations?: readonly string[];
}

/** One transaction to run: which chaincode function, its arguments, private data. */
export interface TransactionRequest extends SubmitOptions {
  readonly chaincode: string;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
}

/** An endorsed transaction, ready to be sent to the orderer. */
export interface EndorsedTransaction {
  readonly txId: string;
  /** The chaincode's return value (bytes, usually JSON), from the endorsement. */
  readonly result: Uint8Array;
  /**
   * The transaction envelope, serialized: what {@link LedgerClient.submit} sends. It holds no
   * transient data, so it may be stored to re-send the same transaction after a lost peer or a
   * restart.
   */
  readonly transaction: Uint8Array;
}

/** Where a transaction ended up. */
export interface CommitStatus {
  readonly txId: string;
  readonly blockNumber: bigint;
  /** True when the transaction committed with status VALID. */
  readonly valid: boolean;
  /** The validation code's name: `VALID`, `MVCC_READ_CONFLICT`, `PHANTOM_READ_CONFLICT`, … */
  readonly validationCode: string;
}

/** A committed transaction. */
export interface SubmitOutcome {
  readonly txId: string;
  readonly blockNumber: bigint;
  /** The chaincode's return value (bytes, usually JSON). */
  readonly result: Uint8Array;
}

/** Whether one peer answered a cheap query, and its channel height if it did. */
export interface PeerStatus {
  readonly peer: string;
  readonly reachable: boolean;
  readonly height?: number;
  readonly error?: string;
}

export interface LedgerClient {
  /** Runs a query on one peer (failing over to the next if it is unavailable); nothing is ordered. */
  evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array>;
  /**
   * Endorses a fresh proposal (failing over to the next peer if one is unavailable). Nothing is
   * ordered yet, so it is safe to repeat; each call is a new transaction with a new ID.
   */
  endorse(principal: Principal, request: TransactionRequest): Promise<EndorsedTransaction>;
  /**
   * Sends an endorsed transaction (as {@link EndorsedTransaction.transaction}) to the orderer,
   * through another peer if one is unavailable. Sending the same transaction twice is harmless:
   * the ledger commits a transaction ID at most once. `waitMs` bounds the call (default: the
   * submit deadline).
   */
  submit(principal: Principal, transaction: Uint8Array, waitMs?: number): Promise<void>;
  /**
   * Waits until `txId` is in a block and says whether it is valid (failing over for an unavailable
   * peer). `waitMs` bounds the wait (default: the commit-status deadline); past it, a
   * `DEADLINE_EXCEEDED` {@link LedgerError}.
   */
  commitStatus(principal: Principal, txId: string, waitMs?: number): Promise<CommitStatus>;
  /** Asks every configured peer for its channel height (for /readyz). Never throws. */
  probe(): Promise<PeerStatus[]>;
}
