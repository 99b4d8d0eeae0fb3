import request from 'supertest';
import { KEYS, testApp } from '../testing';
import { DEPARTMENTS } from '../schemas/logistics';

describe('GET /v1/me', () => {
  it('names the caller, its roles and org, and the consortium\'s departments, with no ledger call', async () => {
    const { app, ledger } = testApp({ mspId: 'RegistryMSP' });
    const res = await request(app).get('/v1/me').set(KEYS.clerk).expect(200);
    expect(res.body).toEqual({ id: 'tax-system', roles: ['clerk'], mspId: 'RegistryMSP', departments: [...DEPARTMENTS] });
    expect(res.body.departments).toEqual(expect.arrayContaining(['RegistryMSP', 'HealthMSP', 'PublicWorksMSP']));
    expect(res.body.departments).not.toContain('AuditorMSP');
    expect(ledger.calls).toHaveLength(0);
    expect((await request(app).get('/v1/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});
