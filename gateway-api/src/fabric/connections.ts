/**
 * One long-lived gRPC client per peer, shared by every identity: fabric-gateway signs per call,
 * so the connection carries no identity. TLS trusts the org's TLS CA; a peer is dialled at the
 * host its org file gives (127.0.0.1 by default), and the name its certificate holds for the
 * consortium is given as the target name override.
 *
 * Keepalive stays within the peers' limits: a Fabric peer refuses client pings more often than
 * every 60 s (`peer.keepalive.minInterval`), so we ping every 120 s, even without calls in flight.
 *
 * @example
 * ```ts
 * const peers = connectPeers(config.peers, readFileSync(config.tlsCaFile));
 * // … at shutdown
 * peers.forEach((p) => p.client.close());
 * ```
 */
import * as grpc from '@grpc/grpc-js';
import { endpoint, nodeHost, type OrgDeclaration, type PeerDeclaration } from '@city-ledger/network';

/** One peer the gateway connects to. */
export interface PeerEndpoint {
  /** Peer name in the org file (`peer0`). */
  readonly name: string;
  /** `host:port` to dial. */
  readonly address: string;
  /** Host name in the peer's TLS certificate (`peer0.registry.city.local`). */
  readonly hostOverride: string;
}

export interface PeerConnection {
  readonly name: string;
  readonly client: grpc.Client;
}

/** Channel options of every peer connection. */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 120_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 1,
  // Large query results (histories) can exceed the 4 MiB default.
  'grpc.max_receive_message_length': 100 * 1024 * 1024,
};

/** Where to dial one of the org's peers, from its org file: its host, and the host name its TLS certificate names. */
export function peerEndpoint(org: OrgDeclaration, peer: PeerDeclaration): PeerEndpoint {
  return { name: peer.name, address: endpoint(peer.host, peer.port), hostOverride: nodeHost(org, peer.name) };
}

export function connectPeers(peers: readonly PeerEndpoint[], tlsRootCert: Buffer): PeerConnection[] {
  const credentials = grpc.credentials.createSsl(tlsRootCert);
  return peers.map((peer) => ({
    name: peer.name,
    client: new grpc.Client(peer.address, credentials, { ...CHANNEL_OPTIONS, 'grpc.ssl_target_name_override': peer.hostOverride }),
  }));
}
