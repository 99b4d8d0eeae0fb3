/**
 * A {@link LedgerClient} for unit tests: it records every call and answers from programmed
 * responses, so route tests check exactly what would reach the ledger. Writes go through the
 * three steps (endorse → submit → commit status); each can be programmed to fail, and commits
 * can be invalidated or held back.
 *
 * @example
 * ```ts
 * const ledger = new FakeLedgerClient();
 * ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
 * ledger.onSubmit('registerParcel', () => parcel);
 * ledger.otherwise('evaluate', () => { throw chaincodeFailure('NOT_FOUND: nothing'); });   // any other function
 * ledger.failWith('getParcel', chaincodeFailure('NOT_FOUND: parcel P-9 does not exist'));
 * ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT', 2);   // the next 2 commits conflict
 * ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus'));
 * ledger.alreadyProcessedNext();                                      // the orderers already have it
 * const release = ledger.holdCommits();                               // commit statuses wait…
 * release();                                                          // …until now
 * expect(ledger.submits()).toHaveLength(1);                           // one proposal endorsed
 * ```
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Principal } from '../auth/principal';
import type { CommitStatus, EndorsedTransaction, LedgerClient, PeerStatus, SubmitOptions, TransactionRequest } from '../fabric/ledgerClient';
import { LedgerError, type LedgerPhase } from '../fabric/ledgerError';

export interface RecordedCall {
  /** `submit`: a transaction proposal was endorsed (one per attempt). */
  readonly kind: 'evaluate' | 'submit';
  readonly principal: Principal;
  readonly chaincode: string;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly options?: SubmitOptions;
}

type Responder = (call: RecordedCall) => unknown;

/** The steps after endorsement that can be made to fail. */
export type FakeStep = 'submit' | 'commitStatus';

interface FakeTransaction {
  readonly txId: string;
  readonly fn: string;
  readonly blockNumber: bigint;
  readonly validationCode: string;
  ordered: boolean;
}

export class FakeLedgerClient implements LedgerClient {
  readonly calls: RecordedCall[] = [];
  /** Transaction IDs sent to the orderer, in order (a re-send appears twice). */
  readonly ordered: string[] = [];
  /** Every submit, in order, those that failed included. */
  readonly sends: string[] = [];
  /** Transaction IDs whose commit status was asked for, in order. */
  readonly statusQueries: string[] = [];
  /** How long each of those asked to wait (undefined: the whole commit-status deadline). */
  readonly statusWaits: (number | undefined)[] = [];
  peers: PeerStatus[] = [{ peer: 'peer0', reachable: true, height: 7 }];
  private readonly responders = new Map<string, Responder>();
  private readonly invalidations = new Map<string, string[]>();
  private readonly stepFailures: Record<FakeStep, Error[]> = { submit: [], commitStatus: [] };
  private readonly transactions = new Map<string, FakeTransaction>();
  private hold: Promise<void> | undefined;
  private alreadyProcessed = 0;
  private txCounter = 0;

  /** Answers evaluations of `fn` with `respond(call)` as JSON (or throws what it throws). */
  onEvaluate(fn: string, respond: Responder): this {
    this.responders.set(`evaluate:${fn}`, respond);
    return this;
  }

  /** Answers transactions of `fn` with `respond(call)` as the JSON result (or fails the endorsement with what it throws). */
  onSubmit(fn: string, respond: Responder): this {
    this.responders.set(`submit:${fn}`, respond);
    return this;
  }

  /** Answers every call of `kind` that has no responder of its own (fuzz tests reach every function). */
  otherwise(kind: RecordedCall['kind'], respond: Responder): this {
    this.responders.set(`${kind}:*`, respond);
    return this;
  }

  /** Makes every call of `fn` (evaluate, or the endorsement of a transaction) throw `error`. */
  failWith(fn: string, error: Error): this {
    const thrower = () => {
      throw error;
    };
    return this.onEvaluate(fn, thrower).onSubmit(fn, thrower);
  }

  /** The next `times` transactions of `fn` to be endorsed commit invalid with `validationCode`. */
  invalidateNext(fn: string, validationCode: string, times = 1): this {
    this.invalidations.set(fn, [...(this.invalidations.get(fn) ?? []), ...Array<string>(times).fill(validationCode)]);
    return this;
  }

  /** The next `times` calls of `step` throw `error` (before doing anything). */
  failNext(step: FakeStep, error: Error, times = 1): this {
    this.stepFailures[step].push(...Array<Error>(times).fill(error));
    return this;
  }

  /**
   * The next `times` submits reach orderers that already have the transaction (a send that looked
   * lost was ordered after all): it is ordered, and the submit fails with {@link alreadyProcessedFailure}.
   */
  alreadyProcessedNext(times = 1): this {
    this.alreadyProcessed += times;
    return this;
  }

  /** Commit statuses wait (as for a block not yet cut) until the returned function is called. */
  holdCommits(): () => void {
    let release = () => {};
    this.hold = new Promise((resolve) => (release = resolve));
    return () => {
      this.hold = undefined;
      release();
    };
  }

  evaluations(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'evaluate');
  }

  /** The transactions endorsed: one per attempt (a conflict retry is a second one). */
  submits(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'submit');
  }

  async evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return encode(this.answer({ kind: 'evaluate', principal, chaincode, contract, fn, args }));
  }

  async endorse(principal: Principal, request: TransactionRequest): Promise<EndorsedTransaction> {
    const { chaincode, contract, fn, args, ...options } = request;
    const result = encode(this.answer({ kind: 'submit', principal, chaincode, contract, fn, args, options }));
    this.txCounter += 1;
    const txId = `tx${this.txCounter}`;
    const validationCode = this.invalidations.get(fn)?.shift() ?? 'VALID';
    this.transactions.set(txId, { txId, fn, blockNumber: BigInt(10 + this.txCounter), validationCode, ordered: false });
    return { txId, result, transaction: encode(txId) };
  }

  async submit(_principal: Principal, transaction: Uint8Array): Promise<void> {
    const txId = JSON.parse(new TextDecoder().decode(transaction)) as string;
    this.sends.push(txId);
    this.failIfProgrammed('submit');
    const tx = this.transactions.get(txId);
    if (!tx) throw new LedgerError({ phase: 'submit', message: `FakeLedgerClient: unknown transaction ${txId}`, grpcCode: GrpcStatus.INVALID_ARGUMENT, txId });
    if (this.alreadyProcessed > 0) {
      this.alreadyProcessed -= 1;
      tx.ordered = true;
      throw alreadyProcessedFailure(txId);
    }
    this.ordered.push(txId);
    tx.ordered = true;
  }

  async commitStatus(_principal: Principal, txId: string, waitMs?: number): Promise<CommitStatus> {
    this.statusQueries.push(txId);
    this.statusWaits.push(waitMs);
    this.failIfProgrammed('commitStatus');
    await this.hold;
    const tx = this.transactions.get(txId);
    // A peer waits for a transaction it has not seen until the deadline.
    if (!tx?.ordered) throw grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', txId);
    return { txId, blockNumber: tx.blockNumber, valid: tx.validationCode === 'VALID', validationCode: tx.validationCode };
  }

  async probe(): Promise<PeerStatus[]> {
    return this.peers;
  }

  private failIfProgrammed(step: FakeStep): void {
    const error = this.stepFailures[step].shift();
    if (error) throw error;
  }

  private answer(call: RecordedCall): unknown {
    this.calls.push(call);
    const respond = this.responders.get(`${call.kind}:${call.fn}`) ?? this.responders.get(`${call.kind}:*`);
    if (!respond) throw new Error(`FakeLedgerClient: no response programmed for ${call.kind} ${call.fn}`);
    return respond(call);
  }
}

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(value === undefined ? '' : JSON.stringify(value));
}

/** What fabric-gateway reports when the chaincode throws `CODE: message`. */
export function chaincodeFailure(codedMessage: string, phase: LedgerPhase = 'evaluate'): LedgerError {
  return new LedgerError({
    phase,
    message: phase === 'evaluate' ? 'evaluate call to endorser returned error' : '10 ABORTED: failed to endorse transaction, see attached details for more info',
    grpcCode: phase === 'evaluate' ? GrpcStatus.UNKNOWN : GrpcStatus.ABORTED,
    details: [`chaincode response 500, ${codedMessage}`],
    ...(phase === 'evaluate' ? {} : { txId: 'tx-failed' }),
  });
}

/**
 * What the Fabric gateway reports when the BFT orderers refuse a submit because they already
 * processed the transaction (internal/pkg/gateway/submit.go, SmartBFT's request pool).
 */
export function alreadyProcessedFailure(txId: string): LedgerError {
  return new LedgerError({
    phase: 'submit',
    message: '14 UNAVAILABLE: insufficient number of orderers could successfully process transaction to satisfy quorum requirement',
    grpcCode: GrpcStatus.UNAVAILABLE,
    details: ['received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=failed to submit request: request already processed'],
    txId,
  });
}

/** A gRPC failure of the whole call (no chaincode code). */
export function grpcFailure(code: GrpcStatus, phase: LedgerPhase = 'evaluate', txId?: string): LedgerError {
  return new LedgerError({ phase, message: `${code} ${GrpcStatus[code]}: peer call failed`, grpcCode: code, ...(txId ? { txId } : {}) });
}
