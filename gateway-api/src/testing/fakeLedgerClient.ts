/**
 * A {@link LedgerClient} for unit tests: it records every call and answers from programmed
 * responses, so route tests check exactly what would reach the ledger.
 *
 * @example
 * ```ts
 * const ledger = new FakeLedgerClient();
 * ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
 * ledger.onSubmit('registerParcel', () => parcel);
 * ledger.failWith('getParcel', chaincodeFailure('NOT_FOUND: parcel P-9 does not exist'));
 * expect(ledger.submits()).toHaveLength(0);
 * ```
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Principal } from '../auth/principal';
import type { LedgerClient, PeerStatus, SubmitOptions, SubmitOutcome } from '../fabric/ledgerClient';
import { LedgerError, type LedgerPhase } from '../fabric/ledgerError';

export interface RecordedCall {
  readonly kind: 'evaluate' | 'submit';
  readonly principal: Principal;
  readonly chaincode: string;
  readonly contract: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly options?: SubmitOptions;
}

type Responder = (call: RecordedCall) => unknown;

export class FakeLedgerClient implements LedgerClient {
  readonly calls: RecordedCall[] = [];
  peers: PeerStatus[] = [{ peer: 'peer0', reachable: true, height: 7 }];
  private readonly responders = new Map<string, Responder>();
  private txCounter = 0;

  /** Answers evaluations of `fn` with `respond(call)` as JSON (or throws what it throws). */
  onEvaluate(fn: string, respond: Responder): this {
    this.responders.set(`evaluate:${fn}`, respond);
    return this;
  }

  /** Answers submits of `fn` with `respond(call)` as the JSON result. */
  onSubmit(fn: string, respond: Responder): this {
    this.responders.set(`submit:${fn}`, respond);
    return this;
  }

  /** Makes every call of `fn` (evaluate or submit) throw `error`. */
  failWith(fn: string, error: Error): this {
    const thrower = () => {
      throw error;
    };
    return this.onEvaluate(fn, thrower).onSubmit(fn, thrower);
  }

  evaluations(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'evaluate');
  }

  submits(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'submit');
  }

  async evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return encode(this.answer({ kind: 'evaluate', principal, chaincode, contract, fn, args }));
  }

  async submit(
    principal: Principal,
    chaincode: string,
    contract: string,
    fn: string,
    args: readonly string[],
    options: SubmitOptions = {},
  ): Promise<SubmitOutcome> {
    const result = encode(this.answer({ kind: 'submit', principal, chaincode, contract, fn, args, options }));
    this.txCounter += 1;
    return { txId: `tx${this.txCounter}`, blockNumber: BigInt(10 + this.txCounter), result };
  }

  async probe(): Promise<PeerStatus[]> {
    return this.peers;
  }

  private answer(call: RecordedCall): unknown {
    this.calls.push(call);
    const respond = this.responders.get(`${call.kind}:${call.fn}`);
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

/** A gRPC failure of the whole call (no chaincode code). */
export function grpcFailure(code: GrpcStatus, phase: LedgerPhase = 'evaluate', txId?: string): LedgerError {
  return new LedgerError({ phase, message: `${code} ${GrpcStatus[code]}: peer call failed`, grpcCode: code, ...(txId ? { txId } : {}) });
}
