/**
 * Public reads (routes declared `anonymous`) and the console's files: who a visitor without
 * credentials reads as, that bad credentials are never downgraded to anonymous, that every
 * other route still needs credentials, the anonymous budget per address, and the CSP.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { KEYS, testApp } from '../testing';
import { RateLimiter } from './rateLimit';
import { defineRoute } from './route';
import { Type } from '@sinclair/typebox';

const PARCEL = { id: 'P-1', ownerId: 'C-1' };

function publicApp(publicLimiter?: RateLimiter) {
  const fixture = testApp({ publicUser: 'clerk1' }, { publicLimiter });
  fixture.ledger.onEvaluate('getParcel', () => PARCEL);
  return fixture;
}

describe('anonymous public reads', () => {
  it('a visitor without credentials reads a public route as the public user', async () => {
    const { app, ledger } = publicApp();
    const res = await request(app).get('/v1/parcels/P-1').expect(200);
    expect(res.body).toEqual(PARCEL);
    expect(ledger.calls).toHaveLength(1);
    expect(ledger.calls[0]?.principal).toMatchObject({ id: 'anonymous', user: 'clerk1', via: 'anonymous', roles: [] });
  });

  it('a caller with credentials still reads as itself', async () => {
    const { app, ledger } = publicApp();
    await request(app).get('/v1/parcels/P-1').set(KEYS.registrar).expect(200);
    expect(ledger.calls[0]?.principal).toMatchObject({ user: 'registrar1', via: 'api-key' });
  });

  it('bad credentials are refused (401), never read as anonymous', async () => {
    const { app, ledger } = publicApp();
    const res = await request(app).get('/v1/parcels/P-1').set('X-Api-Key', 'wrong').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(ledger.calls).toHaveLength(0);
  });

  it('every other route still needs credentials', async () => {
    const { app, ledger } = publicApp();
    expect((await request(app).get('/v1/owners/C-1/parcels').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await request(app).post('/v1/parcels').send({}).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect(ledger.calls).toHaveLength(0);
  });

  it('without a public user, public routes need credentials too', async () => {
    const { app } = testApp();
    expect((await request(app).get('/v1/parcels/P-1').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('anonymous callers have their own budget per address: 429 RATE_LIMITED once it is spent', async () => {
    const { app } = publicApp(new RateLimiter(2, () => 0));
    await request(app).get('/v1/parcels/P-1').expect(200);
    await request(app).get('/v1/parcels/P-1').expect(200);
    const res = await request(app).get('/v1/parcels/P-1').expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    // An authenticated caller does not spend the anonymous budget.
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
  });

  it('a route open to anonymous callers may not write', () => {
    expect(() =>
      defineRoute({
        method: 'post', path: '/v1/x', operationId: 'x', summary: 'x', tags: [], roles: [], writes: true, anonymous: true,
        response: { status: 200, description: 'x', schema: Type.Null() },
        handler: async () => ({ status: 200, body: null }),
      }),
    ).toThrow('must not write');
  });

  it('OpenAPI says which routes are open: x-anonymous and an empty security requirement', async () => {
    const { app } = publicApp();
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    expect(doc.paths['/v1/parcels/{id}'].get).toMatchObject({ 'x-anonymous': true, security: [{}, { apiKey: [] }, { apiKeyAuthorization: [] }, { bearer: [] }] });
    expect(doc.paths['/v1/parcels'].post['x-anonymous']).toBeUndefined();
  });
});

describe('the console', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');

  it('serves its files under /console/ with a strict CSP: no inline code, no eval, fetches to this origin only', async () => {
    const { app } = testApp({ consoleDir: dir });
    const res = await request(app).get('/console/').expect(200);
    expect(res.text).toContain('<title>console</title>');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('is not served when the gateway has no console folder', async () => {
    const { app } = testApp();
    expect((await request(app).get('/console/').expect(404)).body.code).toBe('NOT_FOUND');
  });
});
