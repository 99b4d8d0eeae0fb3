import { configEnvelope, SignedChain, TestPki, toProtoBlock } from '@city-ledger/audit/testing';
import { certificateExpiry } from '@city-ledger/audit/ledger';
import { common } from '@hyperledger/fabric-protos';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { RESOURCES } from '.';
import { KEYS, testApp } from '../testing';
import { certificatesResource } from './certificates';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'certificates-route-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GET /v1/network/certificates', () => {
  it('lists the config\'s and the peers\' certificates soonest first, and names a peer that did not answer', async () => {
    const pki = new TestPki(dir);
    const org = pki.org('OrdererMSP');
    const chain = new SignedChain();
    chain.append([configEnvelope('etcdraft', [org], [pki.orderer(org, 'orderer1', 1)])], []);
    const peerCert = new X509Certificate(pki.org('PeerMSP').tlsCa.certificate);
    const expiring = { ...certificateExpiry(peerCert, 'peer0.registry.city.local', 'peer TLS (server)', 'TLS handshake with 127.0.0.1:7051'), notAfter: '2000-01-01T00:00:00.000Z' };
    const fixture = testApp(
      { readOnly: true, mspId: 'AuditorMSP' },
      { resources: [...RESOURCES, certificatesResource(async () => [expiring, { holder: 'peer1.registry.city.local', error: 'connect ECONNREFUSED' }])] },
    );
    fixture.ledger.onEvaluate('GetChainInfo', () => {
      const info = new common.BlockchainInfo();
      info.setHeight(chain.blocks.length);
      return info.serializeBinary();
    });
    fixture.ledger.onEvaluate('GetBlockByNumber', ({ args }) => {
      const block = chain.blocks[Number(args[1])];
      return block && toProtoBlock(block).serializeBinary();
    });

    const res = await request(fixture.app).get('/v1/network/certificates').set(KEYS.auditor).expect(200);
    const { certificates, unread } = res.body as { certificates: { holder: string; role: string; notAfter: string }[]; unread: unknown[] };
    expect(certificates[0]).toMatchObject({ holder: 'peer0.registry.city.local', role: 'peer TLS (server)' });
    expect(certificates.map((c) => c.role)).toEqual(expect.arrayContaining(['MSP root CA (orderer org)', 'TLS root CA (orderer org)', 'consenter TLS (server)']));
    expect([...certificates].sort((a, b) => a.notAfter.localeCompare(b.notAfter))).toEqual(certificates);
    expect(unread).toEqual([{ holder: 'peer1.registry.city.local', error: 'connect ECONNREFUSED' }]);
    expect((await request(fixture.app).get('/v1/network/certificates').set(KEYS.clerk).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
