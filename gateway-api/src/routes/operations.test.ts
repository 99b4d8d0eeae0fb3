import request from 'supertest';
import { RESOURCES } from '.';
import { openApiPath } from '../http/openapi';
import { testApp } from '../testing';

describe('operations', () => {
  it('GET /healthz answers 200 without credentials', async () => {
    const { app } = testApp();
    expect((await request(app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 with the channel height when a peer answers', async () => {
    const { app, ledger } = testApp();
    ledger.peers = [
      { peer: 'peer0', reachable: false, error: 'UNAVAILABLE' },
      { peer: 'peer1', reachable: true, height: 42 },
    ];
    expect((await request(app).get('/readyz').expect(200)).body).toEqual({ status: 'ready', height: 42, peers: ledger.peers });
  });

  it('GET /readyz answers 503 when no peer answers', async () => {
    const { app, ledger } = testApp();
    ledger.peers = [{ peer: 'peer0', reachable: false, error: 'UNAVAILABLE' }];
    const res = await request(app).get('/readyz').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'UNAVAILABLE', peers: ledger.peers });
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route, with its schemas and roles', async () => {
    const { app } = testApp();
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const routes = RESOURCES.flatMap((r) => r.routes);
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method];
      expect(op).toMatchObject({ operationId: route.operationId, 'x-roles': [...route.roles], 'x-writes': route.writes });
      expect(op.responses[String(route.response.status)].content['application/json'].schema).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
      const pathParameters = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
      expect(pathParameters).toEqual(Object.keys(route.params?.properties ?? {}));
      const headers = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name);
      expect(headers).toEqual(route.writes ? ['Idempotency-Key', 'Prefer'] : []);
      expect(op.responses['202'] !== undefined).toBe(route.writes);
    }
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/v1/parcels', '/v1/parcels/{id}', '/v1/parcels/{id}/history', '/v1/parcels/{id}/transfer', '/v1/transactions/{txId}', '/v1/vital-records/{id}', '/v1/vital-records/{id}/verify'].sort(),
    );
    expect(doc.paths['/v1/parcels'].post.requestBody.content['application/json'].schema.properties.owner.required).toEqual(['name', 'address']);
    expect(doc.components.schemas.Problem.properties.code).toBeDefined();
  });
});
