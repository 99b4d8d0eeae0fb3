import request from 'supertest';
import { KEYS, testApp } from '../testing';

const PERSON = { givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1815-12-10', address: '12 St James Sq' };
const CITIZEN = { id: 'CIT-1', department: 'HealthMSP', status: 'ACTIVE', registeredAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', dataHash: 'a'.repeat(64) };

describe('POST /v1/citizens', () => {
  it.each([
    ['RegistryMSP', KEYS.clerk],
    ['HealthMSP', KEYS.officer],
    ['PublicWorksMSP', KEYS.officer],
  ])('on a %s gateway, sends the personal data with a salt to that department\'s peers only', async (mspId, key) => {
    const { app, ledger } = testApp({ mspId });
    ledger.onSubmit('registerCitizen', () => CITIZEN);
    const res = await request(app).post('/v1/citizens').set(key).send({ id: 'CIT-1', ...PERSON }).expect(201);
    expect(res.headers.location).toBe('/v1/citizens/CIT-1');
    expect(JSON.stringify(res.body)).not.toMatch(/Byron|salt/);
    const [call] = ledger.submits();
    expect(call).toMatchObject({ chaincode: 'identity', contract: 'citizens', fn: 'registerCitizen', args: ['CIT-1'], options: { endorsingOrganizations: [mspId] } });
    const sent = JSON.parse(call?.options?.transient?.citizen ?? '{}');
    expect(sent).toEqual({ ...PERSON, salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  });

  it('refuses the Auditor gateway, an inspector, a bad date and a caller-chosen salt, submitting nothing', async () => {
    const auditor = testApp({ mspId: 'AuditorMSP' });
    await request(auditor.app).post('/v1/citizens').set(KEYS.clerk).send({ id: 'CIT-1', ...PERSON }).expect(403);
    expect(auditor.ledger.calls).toHaveLength(0);

    const { app, ledger } = testApp();
    await request(app).post('/v1/citizens').set(KEYS.inspector).send({ id: 'CIT-1', ...PERSON }).expect(403);
    const bad = await request(app).post('/v1/citizens').set(KEYS.clerk).send({ id: 'CIT-1', ...PERSON, dateOfBirth: '10/12/1815' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/body/dateOfBirth' })]);
    await request(app).post('/v1/citizens').set(KEYS.clerk).send({ id: 'CIT-1', ...PERSON, salt: 'x'.repeat(16) }).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('citizen reads and deactivation', () => {
  it('reads the public record, the personal data on a department gateway, and the credentials page', async () => {
    const { app, ledger } = testApp();
    ledger
      .onEvaluate('getCitizen', () => CITIZEN)
      .onEvaluate('readCitizenPrivate', () => ({ citizenId: 'CIT-1', salt: 's'.repeat(22), ...PERSON }))
      .onEvaluate('listCredentialsBySubject', () => ({ items: [], bookmark: '' }));
    await request(app).get('/v1/citizens/CIT-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/citizens/CIT-1/personal-data').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/citizens/CIT-1/credentials?pageSize=3').set(KEYS.clerk).expect(200);
    expect(ledger.calls.map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['citizens', 'getCitizen', ['CIT-1']],
      ['citizens', 'readCitizenPrivate', ['CIT-1']],
      ['credentials', 'listCredentialsBySubject', ['CIT-1', '3', '']],
    ]);
  });

  it('refuses personal data on the Auditor gateway without asking the ledger', async () => {
    const { app, ledger } = testApp({ mspId: 'AuditorMSP', readOnly: true });
    await request(app).get('/v1/citizens/CIT-1/personal-data').set(KEYS.auditor).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('deactivates', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('deactivateCitizen', () => ({ ...CITIZEN, status: 'INACTIVE' }));
    await request(app).post('/v1/citizens/CIT-1/deactivate').set(KEYS.registrar).expect(200);
    expect(ledger.submits()[0]).toMatchObject({ fn: 'deactivateCitizen', args: ['CIT-1'], options: {} });
  });
});
