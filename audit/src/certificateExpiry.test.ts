import { mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificateExpiry, configCertificates, sortedByExpiry } from './certificateExpiry';
import { configEnvelope, SignedChain, TestPki, transaction } from './testing/orderers';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'cert-expiry-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('configCertificates', () => {
  it('lists every org CA and every consenter\'s TLS and signing certificate of a BFT config, with expiry', () => {
    const pki = new TestPki(dir);
    const org = pki.org('OrdererMSP');
    const orderers = [1, 2].map((id) => pki.orderer(org, `orderer${id}`, id));
    const chain = new SignedChain();
    const config = chain.append([configEnvelope('BFT', [org], orderers)], []);
    const certs = configCertificates(config);
    expect(certs.map((c) => `${c.holder} ${c.role}`).sort()).toEqual([
      '127.0.0.1:7051 consenter TLS (client)',
      '127.0.0.1:7051 consenter TLS (server)',
      '127.0.0.1:7051 consenter signing identity',
      '127.0.0.1:7052 consenter TLS (client)',
      '127.0.0.1:7052 consenter TLS (server)',
      '127.0.0.1:7052 consenter signing identity',
      'OrdererMSP MSP root CA (orderer org)',
      'OrdererMSP TLS root CA (orderer org)',
    ]);
    const ca = certs.find((c) => c.role.startsWith('MSP root CA'));
    expect(ca).toMatchObject({ subject: 'CN=ca.OrdererMSP', source: 'channel config, block 0', notAfter: new Date(new X509Certificate(org.ca.certificate).validTo).toISOString() });
    expect(() => configCertificates(chain.append([transaction('tx1')], []))).toThrow('block 1 is not a config block');
  });

  it('sorts soonest expiry first', () => {
    const pki = new TestPki(dir);
    const cert = new X509Certificate(pki.org('A').ca.certificate);
    const soon = { ...certificateExpiry(cert, 'b', 'x', 's'), notAfter: '2026-01-01T00:00:00.000Z' };
    const later = { ...certificateExpiry(cert, 'a', 'x', 's'), notAfter: '2030-01-01T00:00:00.000Z' };
    expect(sortedByExpiry([later, soon]).map((c) => c.holder)).toEqual(['b', 'a']);
  });
});
