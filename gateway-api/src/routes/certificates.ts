/**
 * `GET /v1/network/certificates`: certificates and their expiry, soonest first, for the
 * regulator's network page. Covers what this gateway can read for itself:
 *
 * - from the channel config in force: every org's MSP root and intermediate CA certificates and
 *   TLS root and intermediate CA certificates, and every consenter's client and server TLS
 *   certificates (and, in BFT, its signing certificate);
 * - from a TLS handshake: the TLS server certificate of each peer this gateway connects to (its
 *   own org's peers); one that does not answer is listed with the error.
 *
 * Not covered: other orgs' peers' TLS certificates and any node's enrollment (signing)
 * certificate outside the config, which no block holds and this gateway does not connect to;
 * each org's own gateway lists its peers.
 */
import { configCertificates, sortedByExpiry, type CertificateExpiry } from '@city-ledger/audit/ledger';
import { Role } from '@city-ledger/domain';
import { ledgerReader } from '../calls/ledgerReader';
import type { PeerCertificateReader, UnreadPeer } from '../calls/peerCertificates';
import { defineRoute, type Resource } from '../http/route';
import { NetworkCertificates } from '../schemas/ledger';

export function certificatesResource(peerCertificates: PeerCertificateReader): Resource {
  return {
    name: 'certificates',
    description: 'Certificates of the network\'s orgs and nodes with their expiry, as the regulator\'s gateway can read them',
    routes: [
      defineRoute({
        method: 'get',
        path: '/v1/network/certificates',
        operationId: 'listCertificates',
        tags: ['ledger'],
        summary: 'Certificates and their expiry, soonest first: the channel config\'s CA and consenter certificates, and this gateway\'s peers\' TLS certificates',
        description:
          'From the channel config in force: each org\'s MSP and TLS root and intermediate CA certificates, each consenter\'s client and server TLS certificates ' +
          '(BFT: its signing certificate too). From a TLS handshake: the TLS server certificate of each peer this gateway connects to; `unread` lists any that ' +
          'did not answer. Other orgs\' peers are not covered (no block holds their certificates): their own gateways list them.',
        roles: [Role.Auditor],
        writes: false,
        response: { status: 200, description: 'The certificates, soonest expiry first', schema: NetworkCertificates },
        handler: async (ctx) => {
          const [config, peers] = await Promise.all([ledgerReader(ctx).configBlock(), peerCertificates()]);
          const read = peers.filter((p): p is CertificateExpiry => 'notAfter' in p);
          const unread = peers.filter((p): p is UnreadPeer => 'error' in p);
          return { status: 200, body: { certificates: sortedByExpiry([...configCertificates(config), ...read]), unread } };
        },
      }),
    ],
  };
}
