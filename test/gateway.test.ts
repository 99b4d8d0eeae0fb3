import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gatewayAs } from './support/http';
import { networkScript, org, peerHeight, stopNode } from './support/network';

// Every run adds new records to the same ledger, so IDs carry a run suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const registryClerk = gatewayAs('registry', 'clerk1');
const registryRegistrar = gatewayAs('registry', 'registrar1');
const auditor = gatewayAs('auditor', 'auditor1');
const anonymous = gatewayAs('registry');

const parcel = (id: string) => ({
  id,
  ownerId: `CIT-${run}`,
  location: 'Lot 4, Block 7',
  areaM2: 500,
  landUse: 'RESIDENTIAL',
  owner: { name: 'Ada Lovelace', address: '1 Analytical Way' },
});

describe('the gateways started by up', () => {
  test('each answers /readyz over HTTPS with its peers and their heights', async () => {
    for (const orgKey of ['registry', 'health', 'publicworks', 'auditor']) {
      const res = await gatewayAs(orgKey)('GET', '/readyz');
      expect(res.status).toBe(200);
      expect(res.body.peers.length).toBe(org(orgKey).peers.length);
      for (const peer of res.body.peers) expect(peer.height).toBeGreaterThan(1);
    }
  });

  test('plain HTTP is refused: the gateway speaks TLS only', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: org('registry').gatewayPort, path: '/healthz' }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (err) => resolve(`error ${err.message}`));
      req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
      req.end();
    });
    expect(outcome).not.toBe('status 200');
  });

  test('401 without credentials, and nothing is written', async () => {
    const id = `P-${run}-anon`;
    const res = await anonymous('POST', '/v1/parcels', { body: parcel(id) });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect((await registryClerk('GET', `/v1/parcels/${id}`)).status).toBe(404);
  });
});

describe('property over HTTP', () => {
  const id = `P-${run}`;

  test('a clerk registers a parcel: 201 with the transaction, and the owner stays private', async () => {
    const res = await registryClerk('POST', '/v1/parcels', { body: parcel(id) });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/parcels/${id}`);
    expect(res.body.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.blockNumber).toBeGreaterThan(0);
    expect(res.body.result.id).toBe(id);
    expect(res.text).not.toContain('Ada Lovelace');

    const read = await registryClerk('GET', `/v1/parcels/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.ownerId).toBe(`CIT-${run}`);
    expect(read.text).not.toContain('Analytical Way');
  });

  test('the Auditor reads it through its own gateway', async () => {
    const res = await auditor('GET', `/v1/parcels/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
  });

  test('a second registration of the same parcel is 409 CONFLICT', async () => {
    const res = await registryClerk('POST', '/v1/parcels', { body: parcel(id) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  test('a registrar transfers the title; the history shows both versions', async () => {
    const res = await registryRegistrar('POST', `/v1/parcels/${id}/transfer`, {
      body: { newOwnerId: `CIT-${run}-2`, owner: { name: 'Charles Babbage', address: '2 Difference St' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.ownerId).toBe(`CIT-${run}-2`);
    const history = await registryClerk('GET', `/v1/parcels/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { value: { ownerId: string } }) => h.value.ownerId)).toEqual([`CIT-${run}-2`, `CIT-${run}`]);
  });
});

describe('refusals leave nothing written', () => {
  const refused = (suffix: string) => `P-${run}-${suffix}`;

  test('403 READ_ONLY for a write through the Auditor\'s gateway', async () => {
    const res = await auditor('POST', '/v1/parcels', { body: parcel(refused('auditor')) });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('READ_ONLY');
    expect((await registryClerk('GET', `/v1/parcels/${refused('auditor')}`)).status).toBe(404);
  });

  test('403 FORBIDDEN for a role the route does not allow (a clerk transferring a title)', async () => {
    const id = `P-${run}`; // registered above, owned by CIT-<run>-2 after the transfer
    const res = await registryClerk('POST', `/v1/parcels/${id}/transfer`, { body: { newOwnerId: 'CIT-X', owner: { name: 'X', address: 'Y' } } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await registryClerk('GET', `/v1/parcels/${id}`)).body.ownerId).toBe(`CIT-${run}-2`);
  });

  test('400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await registryClerk('POST', '/v1/parcels', { body: `{"id":"${refused('malformed')}",` });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
    expect((await registryClerk('GET', `/v1/parcels/${refused('malformed')}`)).status).toBe(404);
  });

  test('400 INVALID_ARGUMENT for a schema violation, naming the field', async () => {
    const res = await registryClerk('POST', '/v1/parcels', { body: { ...parcel(refused('schema')), areaM2: -5 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_ARGUMENT');
    expect(JSON.stringify(res.body.errors)).toContain('areaM2');
    expect((await registryClerk('GET', `/v1/parcels/${refused('schema')}`)).status).toBe(404);
  });

  test('413 BODY_TOO_LARGE for an oversized body', async () => {
    const res = await registryClerk('POST', '/v1/parcels', {
      body: { ...parcel(refused('large')), location: 'x'.repeat(200 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('BODY_TOO_LARGE');
    expect((await registryClerk('GET', `/v1/parcels/${refused('large')}`)).status).toBe(404);
  });

  test('no refusal is a 5xx and none carries a stack trace', async () => {
    const res = await registryClerk('GET', '/v1/parcels/%00bad');
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('with one Registry peer stopped', () => {
  test('the Registry gateway fails over: reads and writes still succeed', async () => {
    const id = `P-${run}-failover`;
    await stopNode('registry-peer0');
    try {
      const write = await registryClerk('POST', '/v1/parcels', { body: parcel(id) });
      expect(write.status).toBe(201);
      const read = await registryClerk('GET', `/v1/parcels/${id}`);
      expect(read.status).toBe(200);
      const ready = await registryClerk('GET', '/readyz');
      expect(ready.body.peers.find((p: { peer: string }) => p.peer === 'peer0').reachable).toBe(false);
    } finally {
      await networkScript('nodes/peer', 'registry', 'peer0');
    }
    // Leave the network as found: peer0 back and caught up before the next test file.
    for (let i = 0; i < 120; i++) {
      const [caughtUp, target] = await Promise.all([peerHeight('registry', 'peer0').catch(() => -1), peerHeight('registry', 'peer1')]);
      if (caughtUp === target) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await peerHeight('registry', 'peer0')).toBe(await peerHeight('registry', 'peer1'));
  });
});
