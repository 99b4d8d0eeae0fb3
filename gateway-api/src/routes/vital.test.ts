import request from 'supertest';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const RECORD = { id: 'B-1', type: 'BIRTH', status: 'REGISTERED', issuingDepartment: 'RegistryMSP', hash: 'f'.repeat(64) };
const CERTIFICATE = { salt: 'a'.repeat(64), details: { childName: 'Ada', bornAt: '2025-01-31T08:00:00Z', placeOfBirth: 'City', parent1Name: 'Anne' } };

describe('GET /v1/vital-records/:id', () => {
  it('evaluates vital:getVitalRecord', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getVitalRecord', () => RECORD);
    expect((await request(app).get('/v1/vital-records/B-1').set(KEYS.auditor).expect(200)).body).toEqual(RECORD);
    expect(ledger.calls).toEqual([expect.objectContaining({ chaincode: 'records', contract: 'vital', fn: 'getVitalRecord', args: ['B-1'] })]);
  });

  it('maps NOT_FOUND to 404', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('getVitalRecord', chaincodeFailure('NOT_FOUND: vital record B-9 does not exist'));
    expect((await request(app).get('/v1/vital-records/B-9').set(KEYS.clerk).expect(404)).body.code).toBe('NOT_FOUND');
  });
});

describe('POST /v1/vital-records/:id/verify', () => {
  it('evaluates vital:verify with the presented certificate, and submits nothing', async () => {
    const { app, ledger } = testApp();
    const answer = { id: 'B-1', type: 'BIRTH', status: 'REGISTERED', result: 'MATCH' };
    ledger.onEvaluate('verify', () => answer);
    const res = await request(app).post('/v1/vital-records/B-1/verify').set(KEYS.clerk).send(CERTIFICATE).expect(200);
    expect(res.body).toEqual(answer);
    expect(ledger.submits()).toHaveLength(0);
    const [call] = ledger.evaluations();
    expect(call).toMatchObject({ fn: 'verify', args: ['B-1', expect.any(String)] });
    expect(JSON.parse(call?.args[1] ?? '')).toEqual(CERTIFICATE);
  });

  it('refuses a salt that is not 64 hex characters', async () => {
    const { app, ledger } = testApp();
    const res = await request(app)
      .post('/v1/vital-records/B-1/verify')
      .set(KEYS.clerk)
      .send({ ...CERTIFICATE, salt: 'short' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/body/salt' })]);
    expect(ledger.calls).toHaveLength(0);
  });
});
