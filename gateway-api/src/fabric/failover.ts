/**
 * Peer failover: a call goes to the preferred peer; if that peer is unavailable, the call is
 * tried once more on the next peer, which then becomes the preferred one (so later calls do
 * not keep paying for the dead peer).
 *
 * Only steps that are safe to repeat use it: evaluating, and endorsing (a fresh proposal; nothing
 * has been ordered yet). Submitting to the orderer and waiting for the commit are not retried here.
 *
 * @example
 * ```ts
 * const failover = new Failover(['peer0', 'peer1']);
 * const bytes = await failover.run((peer) => evaluateOn(peer), (err) => toLedgerError(err, 'evaluate').unavailable);
 * ```
 */
export class Failover<P> {
  private preferred = 0;

  constructor(private readonly peers: readonly P[]) {
    if (peers.length === 0) throw new Error('Failover needs at least one peer');
  }

  /** The peer the next call goes to. */
  get current(): P {
    return this.peers[this.preferred] as P;
  }

  /**
   * Runs `call` on the preferred peer; if it throws an error `retryable` accepts, runs it once
   * on the next peer. With a single peer there is nothing to fail over to.
   */
  async run<T>(call: (peer: P) => Promise<T>, retryable: (err: unknown) => boolean, onFailover?: (from: P, to: P, err: unknown) => void): Promise<T> {
    const first = this.preferred;
    try {
      return await call(this.peers[first] as P);
    } catch (err) {
      if (this.peers.length < 2 || !retryable(err)) throw err;
      const next = (first + 1) % this.peers.length;
      // Another call may already have moved on; only move from the peer that failed.
      if (this.preferred === first) this.preferred = next;
      onFailover?.(this.peers[first] as P, this.peers[next] as P, err);
      return call(this.peers[next] as P);
    }
  }
}
