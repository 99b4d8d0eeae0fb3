import request from 'supertest';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const APPLICATION = { id: 'PM-1', kind: 'BUILDING', applicantId: 'C-1', parcelId: 'P-1', description: 'Garage' };
const APPLICANT = { name: 'Ada Byron', email: 'ada@example.org' };
const PERMIT = { ...APPLICATION, status: 'APPLIED', appliedBy: 'RegistryMSP', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' };

describe('POST /v1/permits', () => {
  it('submits applyForPermit with the applicant as transient data, endorsed by Registry and Public Works', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('applyForPermit', () => PERMIT);
    const res = await request(app).post('/v1/permits').set(KEYS.clerk).send({ ...APPLICATION, applicant: APPLICANT }).expect(201);
    expect(res.headers.location).toBe('/v1/permits/PM-1');
    const [call] = ledger.submits();
    expect(call).toMatchObject({ chaincode: 'records', contract: 'permits', fn: 'applyForPermit' });
    expect(JSON.parse(call?.args[0] ?? '')).toEqual(APPLICATION);
    expect(call?.options).toEqual({ transient: { applicant: JSON.stringify(APPLICANT) }, endorsingOrganizations: ['RegistryMSP', 'PublicWorksMSP'] });
  });

  it('refuses a registrar (403) and a missing applicant (400), submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/permits').set(KEYS.registrar).send({ ...APPLICATION, applicant: APPLICANT }).expect(403);
    const res = await request(app).post('/v1/permits').set(KEYS.clerk).send(APPLICATION).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/body' })]);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('permit transitions', () => {
  it.each([
    ['review', 'reviewPermit'],
    ['approve', 'approvePermit'],
    ['close', 'closePermit'],
  ])('POST /v1/permits/:id/%s submits %s(id) for a registrar only', async (action, fn) => {
    const { app, ledger } = testApp();
    ledger.onSubmit(fn, () => PERMIT);
    await request(app).post(`/v1/permits/PM-1/${action}`).set(KEYS.clerk).expect(403);
    await request(app).post(`/v1/permits/PM-1/${action}`).set(KEYS.registrar).expect(200);
    expect(ledger.submits()).toEqual([expect.objectContaining({ fn, args: ['PM-1'] })]);
  });

  it('rejects with a public reason', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('rejectPermit', () => PERMIT);
    await request(app).post('/v1/permits/PM-1/reject').set(KEYS.registrar).send({ reason: 'Zoning' }).expect(200);
    expect(ledger.submits()[0]).toMatchObject({ fn: 'rejectPermit', args: ['PM-1', 'Zoning'] });
  });

  it('lets an inspector inspect, and maps an illegal move to 409', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.failWith('inspectPermit', chaincodeFailure('CONFLICT: permit PM-1 is APPLIED; inspect needs APPROVED', 'endorse'));
    const res = await request(app).post('/v1/permits/PM-1/inspect').set(KEYS.inspector).send({ result: 'PASSED', notes: 'ok' }).expect(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(ledger.submits()[0]).toMatchObject({ fn: 'inspectPermit', args: ['PM-1', JSON.stringify({ result: 'PASSED', notes: 'ok' })] });
    await request(app).post('/v1/permits/PM-1/inspect').set(KEYS.inspector).send({ result: 'MAYBE' }).expect(400);
    expect(ledger.submits()).toHaveLength(1);
  });
});

describe('permit reads', () => {
  it('lists by status with a page', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('listPermitsByStatus', () => ({ items: [PERMIT], bookmark: '' }));
    await request(app).get('/v1/permits?status=APPLIED&pageSize=10').set(KEYS.auditor).expect(200);
    expect(ledger.calls[0]).toMatchObject({ fn: 'listPermitsByStatus', args: ['APPLIED', '10', ''] });
    await request(app).get('/v1/permits').set(KEYS.auditor).expect(400);
    await request(app).get('/v1/permits?status=PENDING').set(KEYS.auditor).expect(400);
    expect(ledger.calls).toHaveLength(1);
  });

  it('reads the permit, its history, and the applicant only on a member gateway', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onEvaluate('getPermit', () => PERMIT).onEvaluate('getPermitHistory', () => []).onEvaluate('getPermitApplicant', () => ({ permitId: 'PM-1', ...APPLICANT }));
    await request(app).get('/v1/permits/PM-1').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/permits/PM-1/history').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/permits/PM-1/applicant').set(KEYS.inspector).expect(200);
    expect(ledger.calls.map((c) => c.fn)).toEqual(['getPermit', 'getPermitHistory', 'getPermitApplicant']);

    const health = testApp({ mspId: 'HealthMSP' });
    await request(health.app).get('/v1/permits/PM-1/applicant').set(KEYS.officer).expect(403);
    expect(health.ledger.calls).toHaveLength(0);
  });
});

describe('POST /v1/permits/batch', () => {
  it('submits applyForPermits with the applications as argument and the applicants, in order, as transient data', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('applyForPermits', () => 2);
    const body = [
      { ...APPLICATION, applicant: APPLICANT },
      { ...APPLICATION, id: 'PM-2', applicant: { name: 'Second Applicant' } },
    ];
    const res = await request(app).post('/v1/permits/batch').set(KEYS.officer).send(body).expect(200);
    expect(res.body).toEqual({ txId: 'tx1', blockNumber: 11, result: 2 });
    const [call] = ledger.submits();
    expect(call).toMatchObject({ contract: 'permits', fn: 'applyForPermits' });
    expect(JSON.parse(call?.args[0] ?? '')).toEqual([APPLICATION, { ...APPLICATION, id: 'PM-2' }]);
    expect(call?.args.join()).not.toMatch(/Ada|Second/);
    expect(call?.options).toEqual({
      transient: { applicants: JSON.stringify([APPLICANT, { name: 'Second Applicant' }]) },
      endorsingOrganizations: ['RegistryMSP', 'PublicWorksMSP'],
    });
  });

  it('refuses a registrar (403) without a ledger call', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/permits/batch').set(KEYS.registrar).send([{ ...APPLICATION, applicant: APPLICANT }]).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });
});
