/**
 * A {@link LedgerClient} decorator that times every evaluate and submit into
 * {@link GatewayMetrics}, so the metrics need no change to FabricLedgerClient (or to the fake).
 *
 * @example
 * ```ts
 * const ledger = new InstrumentedLedgerClient(new FabricLedgerClient({ ... }), metrics);
 * ```
 */
import type { Principal } from '../auth/principal';
import type { LedgerClient, PeerStatus, SubmitOptions, SubmitOutcome } from '../fabric/ledgerClient';
import type { GatewayMetrics } from './metrics';

export class InstrumentedLedgerClient implements LedgerClient {
  constructor(
    private readonly inner: LedgerClient,
    private readonly metrics: GatewayMetrics,
  ) {}

  evaluate(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[]): Promise<Uint8Array> {
    return this.metrics.timeFabricCall('evaluate', () => this.inner.evaluate(principal, chaincode, contract, fn, args));
  }

  submit(principal: Principal, chaincode: string, contract: string, fn: string, args: readonly string[], options?: SubmitOptions): Promise<SubmitOutcome> {
    return this.metrics.timeFabricCall('submit', () => this.inner.submit(principal, chaincode, contract, fn, args, options));
  }

  /** Not timed: /readyz calls it, and its latency is a peer's, reported in its answer. */
  probe(): Promise<PeerStatus[]> {
    return this.inner.probe();
  }
}
