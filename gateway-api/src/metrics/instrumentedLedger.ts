/**
 * A {@link LedgerClient} decorator that times every ledger call (evaluate, endorse, submit to the
 * orderer, wait for the commit status) into
 * {@link GatewayMetrics}, so the metrics need no change to FabricLedgerClient (or to the fake).
 *
 * @example
 * ```ts
 * const ledger = new InstrumentedLedgerClient(new FabricLedgerClient({ ... }), metrics);
 * ```
 */
import type { Principal } from '../auth/principal';
import type { CommitStatus, EndorsedTransaction, LedgerClient, PeerStatus, TransactionRequest } from '../fabric/ledgerClient';
import type { GatewayMetrics } from './metrics';

export class InstrumentedLedgerClient implements LedgerClient {
  constructor(
    private readonly inner: LedgerClient,
    private readonly metrics: GatewayMetrics,
  ) {}

  evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return this.metrics.timeFabricCall('evaluate', () => this.inner.evaluate(principal, chaincode, contract, fn, args));
  }

  endorse(principal: Principal, request: TransactionRequest): Promise<EndorsedTransaction> {
    return this.metrics.timeFabricCall('endorse', () => this.inner.endorse(principal, request));
  }

  submit(principal: Principal, transaction: Uint8Array, waitMs?: number): Promise<void> {
    return this.metrics.timeFabricCall('submit', () => this.inner.submit(principal, transaction, waitMs));
  }

  commitStatus(principal: Principal, txId: string, waitMs?: number): Promise<CommitStatus> {
    return this.metrics.timeFabricCall('commit_status', () => this.inner.commitStatus(principal, txId, waitMs));
  }

  /** Not timed: /readyz calls it, and its latency is a peer's, reported in its answer. */
  probe(): Promise<PeerStatus[]> {
    return this.inner.probe();
  }
}
