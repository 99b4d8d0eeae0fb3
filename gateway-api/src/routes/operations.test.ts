import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { RESOURCES } from '.';
import { openApiPath } from '../http/openapi';
import { READY_CACHE_MS } from './operations';
import { transactionsResource } from './transactions';
import { FakeLedgerClient, testApp } from '../testing';

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

  it('GET /readyz probes the peers at most once per cache period, however many ask', async () => {
    const ledger = new FakeLedgerClient();
    let clock = 0;
    const { app } = testApp({}, { ledger, now: () => clock });
    const probe = jest.spyOn(ledger, 'probe');
    await Promise.all(Array.from({ length: 50 }, () => request(app).get('/readyz').expect(200)));
    expect(probe).toHaveBeenCalledTimes(1);
    clock += READY_CACHE_MS;
    ledger.peers = [{ peer: 'peer0', reachable: false, error: 'UNAVAILABLE' }];
    await request(app).get('/readyz').expect(503);
    expect(probe).toHaveBeenCalledTimes(2);
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
  it('is an OpenAPI 3.1 document listing every route once, with its parameters, schemas and roles', async () => {
    const { app, submitter } = testApp();
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    // Every domain's routes, and the transactions resource createApp adds.
    const routes = [...RESOURCES, transactionsResource(submitter.jobs)].flatMap((r) => r.routes);
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p));
    expect(operations).toHaveLength(routes.length);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    for (const route of routes) {
      const path = openApiPath(route.path);
      const op = doc.paths[path]?.[route.method];
      expect(op).toMatchObject({ operationId: route.operationId, summary: route.summary, 'x-roles': [...route.roles], 'x-writes': route.writes });
      expect(op.responses[String(route.response.status)].content['application/json'].schema).toBeDefined();
      if (route.body) expect(op.requestBody.content['application/json'].schema).toEqual(JSON.parse(JSON.stringify(route.body)));
      // Every {name} of the path is a declared path parameter, and nothing else is.
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []) as { name: string; in: string }[];
      expect(declared.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(templated);
      expect(declared.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(Object.keys(route.query?.properties ?? {}));
      const headers = declared.filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers).toEqual(route.writes ? ['Idempotency-Key', 'Prefer'] : []);
      expect(op.responses['202'] !== undefined).toBe(route.writes);
    }
    expect(doc.paths['/v1/parcels'].post.requestBody.content['application/json'].schema.properties.owner.required).toEqual(['name', 'address']);
    expect(doc.components.schemas.Problem.properties.code).toBeDefined();
  });

  it('has only valid JSON Schema 2020-12 schemas (the dialect of OpenAPI 3.1)', async () => {
    const { app } = testApp();
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const schemas: unknown[] = [];
    for (const path of Object.values(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const op of Object.values(path)) {
        schemas.push(...(op.parameters ?? []).map((p) => p.schema), op.requestBody?.content['application/json'].schema);
        for (const response of Object.values(op.responses)) schemas.push(...Object.values(response.content ?? {}).map((c) => c.schema));
      }
    }
    const local = schemas.filter((s): s is object => s !== undefined && !('$ref' in (s as object)));
    expect(local.length).toBeGreaterThan(100);
    for (const schema of local) expect(ajv.validateSchema(schema)).toBe(true);
  });
});

interface Operation {
  parameters?: { schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
