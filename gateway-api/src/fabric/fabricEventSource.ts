/**
 * {@link EventSource} over @hyperledger/fabric-gateway block events: one block stream per
 * reader, on the org's shared peer connections (connections.ts), signed as the reader's own
 * identity from the keystore, so the peer applies the channel's Readers policy to the real caller.
 * Why block events and not chaincode-event streams: see blockEvents.ts.
 *
 * A stream starts at the checkpoint's block (or the next block to commit) and drops the events of
 * that block up to the checkpoint's transaction, so a resumed stream neither loses nor repeats an
 * event. When a stream breaks, it ends with the error and the next stream is opened on the
 * org's next peer: the caller (an SSE client reconnecting with Last-Event-ID, the webhook
 * dispatcher) reopens from its last checkpoint.
 *
 * @example
 * ```ts
 * const source = new FabricEventSource({ channel: 'city', peers, identities, logger });
 * const stream = source.stream('clerk1', 'now');
 * for await (const event of stream) console.log(event.eventName);
 * ```
 */
import { connect, type CloseableAsyncIterable, type Gateway } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import type { EventSource, EventStream } from '../events/eventSource';
import type { LedgerEvent, StreamStart } from '../events/ledgerEvent';
import type { IdentityStore } from '../identities/identityStore';
import { eventsAfter } from './blockEvents';
import type { PeerConnection } from './connections';
import { signingFor } from './identityGateway';

export interface FabricEventSourceOptions {
  readonly channel: string;
  /** The org's peers in order of preference (the same connections as the ledger client's). */
  readonly peers: readonly PeerConnection[];
  readonly identities: IdentityStore;
  readonly logger: Logger;
}

export class FabricEventSource implements EventSource {
  private preferred = 0;

  constructor(private readonly options: FabricEventSourceOptions) {
    if (options.peers.length === 0) throw new Error('FabricEventSource needs at least one peer');
  }

  stream(user: string, start: StreamStart): EventStream {
    const peerIndex = this.preferred;
    const peer = this.options.peers[peerIndex] as PeerConnection;
    let gateway: Gateway | undefined;
    let blocks: CloseableAsyncIterable<common.Block> | undefined;
    let closed = false;
    const close = () => {
      closed = true;
      blocks?.close();
      gateway?.close();
    };
    const read = async function* (this: FabricEventSource): AsyncGenerator<LedgerEvent> {
      try {
        gateway = await this.connect(user, peer);
        const network = gateway.getNetwork(this.options.channel);
        blocks = await network.getBlockEvents(start === 'now' ? {} : { startBlock: start.after.blockNumber });
        if (closed) return;
        yield* eventsAfter(blocks, start);
      } catch (err) {
        if (closed) return;
        // The next stream tries the next peer (unless another stream already moved on).
        if (this.preferred === peerIndex) this.preferred = (peerIndex + 1) % this.options.peers.length;
        this.options.logger.warn({ peer: peer.name, err: (err as Error).message }, 'block event stream broke');
        throw err;
      } finally {
        close();
      }
    }.call(this);
    return { close, [Symbol.asyncIterator]: () => read };
  }

  /** A Gateway of its own per stream (cheap: the gRPC connection is shared), closed with it. */
  private async connect(user: string, peer: PeerConnection): Promise<Gateway> {
    const identity = await this.options.identities.get(user);
    return connect({
      client: peer.client,
      identity: { mspId: identity.mspId, credentials: identity.credentials },
      ...signingFor(identity.privateKey),
    });
  }
}
