/**
 * Certificates and when they expire, soonest first, as the regulator's network page lists
 * them: every org's MSP and TLS CA certificates and every consenter's TLS certificates (and,
 * in BFT, its signing certificate) from a config block; other sources (a node's TLS handshake)
 * add theirs with {@link certificateExpiry}.
 *
 * @example
 * ```ts
 * const certs = sortedByExpiry([...configCertificates(configBlock), ...handshakes]);
 * certs[0];   // { holder: 'orderer0.registry.city.local:7050', role: 'consenter TLS (server)', notAfter: '2027-…', source: 'channel config, block 0', … }
 * ```
 */
import type { X509Certificate } from 'node:crypto';
import type { LedgerBlock } from './block';
import { channelGroupOf, ordererConfigOf, orgOf } from './ordererConfig';

export interface CertificateExpiry {
  /** The org (MSP ID) or node (endpoint, peer name) the certificate belongs to. */
  readonly holder: string;
  /** What it is for: `MSP root CA`, `TLS root CA`, `consenter TLS (server)`, `peer TLS (server)`, … */
  readonly role: string;
  readonly subject: string;
  readonly notBefore: string;
  /** RFC 3339. */
  readonly notAfter: string;
  /** Where it was read: `channel config, block 12`, `TLS handshake with peer0.registry.city.local`. */
  readonly source: string;
}

export function certificateExpiry(cert: X509Certificate, holder: string, role: string, source: string): CertificateExpiry {
  return {
    holder,
    role,
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    source,
  };
}

/** Soonest expiry first; then by holder, so equal dates list in a stable order. */
export function sortedByExpiry(certs: readonly CertificateExpiry[]): CertificateExpiry[] {
  return [...certs].sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.holder.localeCompare(b.holder) || a.role.localeCompare(b.role));
}

/** The certificates a config block declares: each org's CAs, each consenter's TLS (and BFT signing) certificates. */
export function configCertificates(block: LedgerBlock): CertificateExpiry[] {
  const ordering = ordererConfigOf(block);
  const root = channelGroupOf(block);
  if (!ordering || !root) throw new Error(`block ${block.header.number} is not a config block`);
  const source = `channel config, block ${block.header.number}`;
  const certs: CertificateExpiry[] = [];
  for (const section of ['Application', 'Orderer']) {
    for (const [, group] of root.getGroupsMap().get(section)?.getGroupsMap().entries() ?? []) {
      const org = orgOf(group);
      if (!org) continue;
      const cas = [
        ['MSP root CA', org.rootCerts],
        ['MSP intermediate CA', org.intermediateCerts],
        ['TLS root CA', org.tlsRootCerts],
        ['TLS intermediate CA', org.tlsIntermediateCerts],
      ] as const;
      for (const [role, list] of cas) for (const cert of list) certs.push(certificateExpiry(cert, org.mspId, `${role} (${section.toLowerCase()} org)`, source));
    }
  }
  for (const consenter of ordering.consenters) {
    const [client, server] = consenter.tlsCerts;
    if (client) certs.push(certificateExpiry(client, consenter.endpoint, 'consenter TLS (client)', source));
    if (server) certs.push(certificateExpiry(server, consenter.endpoint, 'consenter TLS (server)', source));
    if (consenter.identity) certs.push(certificateExpiry(consenter.identity, consenter.endpoint, 'consenter signing identity', source));
  }
  return certs;
}
