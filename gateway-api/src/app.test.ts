/** The checks every route goes through: authentication, guards, body parsing, validation, errors. */
import request from 'supertest';
import { KEYS, testApp } from './testing';

const PARCEL = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL', owner: { name: 'Ada Lovelace', address: '1 Analytical Way' } };

/** Asserts an RFC 9457 problem answer with `status` and `code`, without a stack or internals. */
function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:city-ledger:problem:/), title: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\(|\.ts:\d|node_modules|stack/);
}

describe('authentication', () => {
  it('answers 401 without credentials, and calls nothing', async () => {
    const { app, ledger } = testApp();
    const res = await request(app).get('/v1/parcels/P-1');
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toBe('ApiKey');
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 401 for a wrong key, on reads and writes alike, and submits nothing', async () => {
    const { app, ledger } = testApp();
    expectProblem(await request(app).get('/v1/parcels/P-1').set('X-Api-Key', 'guess'), 401, 'UNAUTHENTICATED');
    expectProblem(await request(app).post('/v1/parcels').set('Authorization', 'ApiKey guess').send(PARCEL), 401, 'UNAUTHENTICATED');
    expect(ledger.calls).toHaveLength(0);
  });

  it('runs the call as the principal\'s own Fabric identity', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
    await request(app).get('/v1/parcels/P-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    expect(ledger.calls.map((c) => c.principal.user)).toEqual(['auditor1', 'clerk1']);
  });
});

describe('guards', () => {
  it('answers 403 READ_ONLY on every write route of a read-only gateway, and submits nothing', async () => {
    const { app, ledger } = testApp({ readOnly: true });
    expectProblem(await request(app).post('/v1/parcels').set(KEYS.clerk).send(PARCEL), 403, 'READ_ONLY');
    const transfer = await request(app).post('/v1/parcels/P-1/transfer').set(KEYS.registrar).send({ newOwnerId: 'C-2', owner: PARCEL.owner });
    expectProblem(transfer, 403, 'READ_ONLY');
    expect(ledger.submits()).toHaveLength(0);
  });

  it('still serves reads and verification on a read-only gateway', async () => {
    const { app, ledger } = testApp({ readOnly: true });
    ledger.onEvaluate('getParcel', () => ({ id: 'P-1' })).onEvaluate('verify', () => ({ result: 'MATCH' }));
    await request(app).get('/v1/parcels/P-1').set(KEYS.auditor).expect(200);
    await request(app)
      .post('/v1/vital-records/B-1/verify')
      .set(KEYS.auditor)
      .send({ salt: 'a'.repeat(64), details: {} })
      .expect(200);
  });

  it('answers 403 FORBIDDEN to a wrong role, and submits nothing', async () => {
    const { app, ledger } = testApp();
    const res = await request(app).post('/v1/parcels').set(KEYS.inspector).send(PARCEL);
    expectProblem(res, 403, 'FORBIDDEN');
    expect(res.body.detail).toMatch(/clerk, registrar/);
    // A clerk may register but not transfer a title.
    expectProblem(
      await request(app).post('/v1/parcels/P-1/transfer').set(KEYS.clerk).send({ newOwnerId: 'C-2', owner: PARCEL.owner }),
      403,
      'FORBIDDEN',
    );
    expect(ledger.submits()).toHaveLength(0);
  });
});

describe('bad input never reaches the ledger', () => {
  it('answers 400 MALFORMED_JSON to malformed JSON', async () => {
    const { app, ledger } = testApp();
    const res = await request(app).post('/v1/parcels').set(KEYS.clerk).set('Content-Type', 'application/json').send('{"id": "P-1",');
    expectProblem(res, 400, 'MALFORMED_JSON');
    expect(ledger.submits()).toHaveLength(0);
  });

  it('answers 400 INVALID_ARGUMENT to a schema violation, listing every field', async () => {
    const { app, ledger } = testApp();
    const res = await request(app)
      .post('/v1/parcels')
      .set(KEYS.clerk)
      .send({ ...PARCEL, areaM2: 0, landUse: 'SWAMP', color: 'red', owner: { address: 'x' } });
    expectProblem(res, 400, 'INVALID_ARGUMENT');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/areaM2', '/body/landUse', '/body', '/body/owner']));
    expect(ledger.submits()).toHaveLength(0);
  });

  it('answers 400 to a bad ID in the path', async () => {
    const { app, ledger } = testApp();
    const res = await request(app).get('/v1/parcels/bad%20id').set(KEYS.clerk);
    expectProblem(res, 400, 'INVALID_ARGUMENT');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/params/id' })]);
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 413 BODY_TOO_LARGE to an oversized body', async () => {
    const { app, ledger } = testApp({ bodyLimitBytes: 1024 });
    const res = await request(app)
      .post('/v1/parcels')
      .set(KEYS.clerk)
      .send({ ...PARCEL, location: 'x'.repeat(2000) });
    expectProblem(res, 413, 'BODY_TOO_LARGE');
    expect(ledger.submits()).toHaveLength(0);
  });

  it('answers 415 to a body that is not JSON, and 400 to a missing body', async () => {
    const { app, ledger } = testApp();
    expectProblem(await request(app).post('/v1/parcels').set(KEYS.clerk).set('Content-Type', 'text/plain').send('id=P-1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await request(app).post('/v1/parcels').set(KEYS.clerk), 400, 'INVALID_ARGUMENT');
    expect(ledger.submits()).toHaveLength(0);
  });
});

describe('errors', () => {
  it('answers 404 NOT_FOUND to an unknown route', async () => {
    const { app } = testApp();
    expectProblem(await request(app).get('/v1/unicorns'), 404, 'NOT_FOUND');
  });

  it('answers 500 INTERNAL without detail when a handler fails unexpectedly', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getParcel', () => {
      throw new Error('database password is hunter2');
    });
    const res = await request(app).get('/v1/parcels/P-1').set(KEYS.clerk);
    expectProblem(res, 500, 'INTERNAL');
    expect(res.body).not.toHaveProperty('detail');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });
});

describe('request IDs and headers', () => {
  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const { app } = testApp();
    expect((await request(app).get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await request(app).get('/healthz').set('X-Request-Id', 'bad id!')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(app).get('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets helmet\'s security headers and hides Express', async () => {
    const { app } = testApp();
    const res = await request(app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });
});
