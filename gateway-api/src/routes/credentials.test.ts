import request from 'supertest';
import { KEYS, testApp } from '../testing';

const DOCUMENT = {
  id: 'CRED-1',
  type: 'contractorLicence',
  schema: { id: 'https://schemas.city-ledger.example/credentials/contractor-licence', version: '1.0' },
  subject: 'CIT-1',
  issuer: 'PublicWorksMSP',
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2026-01-01T00:00:00Z',
  claims: { trade: 'electrician' },
};
const RECORD = { id: 'CRED-1', type: 'contractorLicence', status: 'ACTIVE' };

describe('POST /v1/credentials', () => {
  it('sends the whole document as transient data to the type\'s issuer only', async () => {
    const { app, ledger } = testApp({ mspId: 'PublicWorksMSP' });
    ledger.onSubmit('issueCredential', () => RECORD);
    const res = await request(app).post('/v1/credentials').set(KEYS.officer).send(DOCUMENT).expect(201);
    expect(res.headers.location).toBe('/v1/credentials/CRED-1');
    expect(ledger.submits()).toEqual([
      expect.objectContaining({
        chaincode: 'identity',
        contract: 'credentials',
        fn: 'issueCredential',
        args: ['CRED-1'],
        options: { transient: { credential: JSON.stringify(DOCUMENT) }, endorsingOrganizations: ['PublicWorksMSP'] },
      }),
    ]);
  });

  it('endorses a residency credential by Registry', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('issueCredential', () => RECORD);
    await request(app).post('/v1/credentials').set(KEYS.registrar).send({ ...DOCUMENT, type: 'residency', issuer: 'RegistryMSP' }).expect(201);
    expect(ledger.submits()[0]?.options?.endorsingOrganizations).toEqual(['RegistryMSP']);
  });

  it('refuses a clerk (403), an unknown type and a missing validUntil (400), submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/credentials').set(KEYS.clerk).send(DOCUMENT).expect(403);
    const noEnd: Record<string, unknown> = { ...DOCUMENT };
    delete noEnd.validUntil;
    await request(app).post('/v1/credentials').set(KEYS.officer).send(noEnd).expect(400);
    await request(app).post('/v1/credentials').set(KEYS.officer).send({ ...DOCUMENT, type: 'library' }).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('credential status and reads', () => {
  it.each([
    ['suspend', 'suspendCredential'],
    ['reinstate', 'reinstateCredential'],
    ['revoke', 'revokeCredential'],
  ])('POST /v1/credentials/:id/%s submits %s(id)', async (action, fn) => {
    const { app, ledger } = testApp();
    ledger.onSubmit(fn, () => RECORD);
    await request(app).post(`/v1/credentials/CRED-1/${action}`).set(KEYS.inspector).expect(403);
    await request(app).post(`/v1/credentials/CRED-1/${action}`).set(KEYS.registrar).expect(200);
    expect(ledger.submits()).toEqual([expect.objectContaining({ fn, args: ['CRED-1'], options: {} })]);
  });

  it('verifies a presented document on a read-only gateway, evaluating only', async () => {
    const { app, ledger } = testApp({ mspId: 'AuditorMSP', readOnly: true });
    const verdict = { credentialId: 'CRED-1', status: 'VALID', checkedAt: '2025-06-01T00:00:00Z' };
    ledger.onEvaluate('verify', () => verdict);
    expect((await request(app).post('/v1/credentials/verify').set(KEYS.auditor).send(DOCUMENT).expect(200)).body).toEqual(verdict);
    expect(ledger.calls).toEqual([expect.objectContaining({ kind: 'evaluate', fn: 'verify', args: [JSON.stringify(DOCUMENT)] })]);
    await request(app).post('/v1/credentials/verify').set(KEYS.auditor).send({ claims: {} }).expect(400);
    expect(ledger.calls).toHaveLength(1);
  });

  it('reads a credential and a status list', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getCredential', () => RECORD).onEvaluate('getStatusList', () => ({ issuer: 'RegistryMSP' }));
    await request(app).get('/v1/credentials/CRED-1').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/status-lists/RegistryMSP/revocation').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/status-lists/RegistryMSP/expiry').set(KEYS.auditor).expect(400);
    expect(ledger.calls.map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['credentials', 'getCredential', ['CRED-1']],
      ['statusLists', 'getStatusList', ['RegistryMSP', 'revocation']],
    ]);
  });
});
