/** Checks that hold for every declared route, so a new route cannot forget them. */
import request from 'supertest';
import { RESOURCES } from '.';
import { KEYS, testApp } from '../testing';

const routes = RESOURCES.flatMap((r) => r.routes);
/** A concrete URL for a route: every path parameter becomes a valid ID. */
const url = (path: string) => path.replace(/:[A-Za-z]+/g, 'X-1');
const call = (app: Parameters<typeof request>[0], method: string, path: string) =>
  (request(app) as unknown as Record<string, (u: string) => request.Test>)[method]?.(url(path)) as request.Test;

describe('every route', () => {
  it.each(routes.filter((r) => r.writes).map((r) => [r.operationId, r] as const))(
    '%s answers 403 READ_ONLY on a read-only gateway and submits nothing',
    async (_id, route) => {
      const { app, ledger } = testApp({ readOnly: true, mspId: 'AuditorMSP' });
      const res = await call(app, route.method, route.path).set(KEYS.registrar).send({});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('READ_ONLY');
      expect(ledger.calls).toHaveLength(0);
    },
  );

  it.each(routes.filter((r) => r.roles.length > 0).map((r) => [r.operationId, r] as const))(
    '%s refuses a principal without one of its roles, and calls nothing',
    async (_id, route) => {
      const { app, ledger } = testApp();
      // The Auditor holds no department role; the regulator's own routes refuse a clerk instead.
      const outsider = route.roles.includes('auditor') ? KEYS.clerk : KEYS.auditor;
      const res = await call(app, route.method, route.path).set(outsider).send({});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(ledger.calls).toHaveLength(0);
    },
  );

  it('a route open to anonymous callers never writes', () => {
    const open = routes.filter((r) => r.anonymous === true);
    expect(open.map((r) => r.operationId).sort()).toEqual(['getBudgetSummary', 'getParcel', 'getParcelHistory', 'verifyCredential']);
    for (const route of open) expect(route.writes).toBe(false);
  });

  it('writes and reads follow REST: creations answer 201, reads are GETs or evaluate-only POSTs', () => {
    for (const route of routes) {
      if (route.method === 'get') expect(route.writes).toBe(false);
      // A creation POSTs to a collection: top-level, a record's sub-collection, or one of the ledger's own (its verification runs).
      if (route.response.status === 201) expect(route.path).toMatch(/^\/v1\/(ledger\/)?[a-z-]+(\/:id\/[a-z-]+)?$/);
    }
  });
});
