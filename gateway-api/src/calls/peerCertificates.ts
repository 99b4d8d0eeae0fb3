/**
 * The TLS certificates this gateway's peers present, read in a TLS handshake like the gateway's
 * own connections make (the org's TLS CA, the host name the certificate names): the part of the
 * network page's certificate list that no config block holds.
 *
 * @example
 * ```ts
 * const read = peerCertificateReader(config.peers, readFileSync(config.tlsCaFile));
 * await read();   // [{ holder: 'peer0.registry.city.local', role: 'peer TLS (server)', notAfter: '2027-…', … }]
 * ```
 */
import { certificateExpiry, type CertificateExpiry } from '@city-ledger/audit/ledger';
import { connect } from 'node:tls';
import type { PeerEndpoint } from '../fabric/connections';

/** A peer that did not complete the handshake: listed, so an unreachable peer is not silently left out. */
export interface UnreadPeer {
  readonly holder: string;
  readonly error: string;
}

export type PeerCertificateReader = () => Promise<(CertificateExpiry | UnreadPeer)[]>;

const HANDSHAKE_MS = 5_000;

function handshake(peer: PeerEndpoint, ca: Buffer): Promise<CertificateExpiry | UnreadPeer> {
  const [host = '', port = ''] = peer.address.split(/:(?=\d+$)/);
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), ca, servername: peer.hostOverride, ALPNProtocols: ['h2'], timeout: HANDSHAKE_MS });
    const fail = (error: string) => (socket.destroy(), resolve({ holder: peer.hostOverride, error }));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      resolve(cert ? certificateExpiry(cert, peer.hostOverride, 'peer TLS (server)', `TLS handshake with ${peer.address}`) : { holder: peer.hostOverride, error: 'presented no certificate' });
    });
    socket.once('timeout', () => fail(`no TLS handshake within ${HANDSHAKE_MS / 1000} s`));
    socket.once('error', (err) => fail(err.message));
  });
}

export function peerCertificateReader(peers: readonly PeerEndpoint[], ca: Buffer): PeerCertificateReader {
  return () => Promise.all(peers.map((peer) => handshake(peer, ca)));
}
