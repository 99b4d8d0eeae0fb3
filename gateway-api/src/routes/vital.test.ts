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

describe('POST /v1/vital-records', () => {
  const BIRTH = { id: 'B-1', type: 'BIRTH', details: CERTIFICATE.details };
  const DEATH = {
    id: 'D-1',
    type: 'DEATH',
    details: { deceasedName: 'Ada', diedAt: '2025-11-27T10:00:00Z', placeOfDeath: 'City Hospital' },
    causeOfDeath: { cause: 'illness', manner: 'NATURAL', certifiedBy: 'Dr. Locock' },
  };

  it('registers a birth with a generated salt, as transient data to Registry only, and answers the salt once', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerBirth', () => RECORD);
    const res = await request(app).post('/v1/vital-records').set(KEYS.registrar).send(BIRTH).expect(201);
    expect(res.headers.location).toBe('/v1/vital-records/B-1');
    const [call] = ledger.submits();
    expect(call).toMatchObject({ contract: 'vital', fn: 'registerBirth', args: ['B-1'], options: { endorsingOrganizations: ['RegistryMSP'] } });
    const sent = JSON.parse(call?.options?.transient?.vital ?? '{}');
    expect(sent).toEqual({ salt: expect.stringMatching(/^[0-9a-f]{64}$/), details: BIRTH.details });
    expect(res.body).toEqual({ txId: 'tx1', blockNumber: 11, result: RECORD, certificate: { salt: sent.salt } });
    expect(JSON.stringify(res.body)).not.toContain('Ada');
  });

  it('gives every registration its own salt', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerBirth', () => RECORD);
    const first = await request(app).post('/v1/vital-records').set(KEYS.registrar).send(BIRTH);
    const second = await request(app).post('/v1/vital-records').set(KEYS.registrar).send({ ...BIRTH, id: 'B-2' });
    expect(first.body.certificate.salt).not.toBe(second.body.certificate.salt);
  });

  it('lets a Health officer register a death, endorsed by the death collection members, with the cause', async () => {
    const { app, ledger } = testApp({ mspId: 'HealthMSP' });
    ledger.onSubmit('registerDeath', () => ({ ...RECORD, id: 'D-1', type: 'DEATH' }));
    await request(app).post('/v1/vital-records').set(KEYS.officer).send(DEATH).expect(201);
    const [call] = ledger.submits();
    expect(call).toMatchObject({ fn: 'registerDeath', args: ['D-1'], options: { endorsingOrganizations: ['RegistryMSP', 'HealthMSP'] } });
    expect(JSON.parse(call?.options?.transient?.vital ?? '{}')).toMatchObject({ details: DEATH.details, causeOfDeath: DEATH.causeOfDeath });
    expect(call?.args.join()).not.toContain('illness');
  });

  it('refuses an officer registering a birth, a clerk anything, and a birth with a cause of death, submitting nothing', async () => {
    const { app, ledger } = testApp();
    expect((await request(app).post('/v1/vital-records').set(KEYS.officer).send(BIRTH).expect(403)).body.detail).toMatch(/registrar/);
    await request(app).post('/v1/vital-records').set(KEYS.clerk).send(DEATH).expect(403);
    await request(app)
      .post('/v1/vital-records')
      .set(KEYS.registrar)
      .send({ ...BIRTH, causeOfDeath: DEATH.causeOfDeath })
      .expect(400);
    await request(app)
      .post('/v1/vital-records')
      .set(KEYS.registrar)
      .send({ ...BIRTH, salt: 'a'.repeat(64) })
      .expect(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('amending and voiding', () => {
  it('reads the record type, then amends with a new salt endorsed by that type\'s collection members', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getVitalRecord', () => ({ ...RECORD, type: 'DEATH' })).onSubmit('amendVitalRecord', () => ({ ...RECORD, status: 'AMENDED' }));
    const details = { deceasedName: 'Ada B.', diedAt: '2025-11-27T10:00:00Z', placeOfDeath: 'City' };
    const res = await request(app).post('/v1/vital-records/D-1/amend').set(KEYS.registrar).send({ reason: 'CLERICAL_ERROR', details }).expect(200);
    const [call] = ledger.submits();
    expect(call).toMatchObject({ fn: 'amendVitalRecord', args: ['D-1', 'CLERICAL_ERROR'], options: { endorsingOrganizations: ['RegistryMSP', 'HealthMSP'] } });
    expect(JSON.parse(call?.options?.transient?.vital ?? '{}')).toEqual({ salt: res.body.certificate.salt, details });
  });

  it('refuses an amendment reason that is free text, submitting nothing', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/vital-records/B-1/amend').set(KEYS.registrar).send({ reason: 'he asked', details: CERTIFICATE.details }).expect(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('voids with a reason code', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('voidVitalRecord', () => ({ ...RECORD, status: 'VOID' }));
    await request(app).post('/v1/vital-records/B-1/void').set(KEYS.registrar).send({ reason: 'DUPLICATE' }).expect(200);
    expect(ledger.submits()[0]).toMatchObject({ fn: 'voidVitalRecord', args: ['B-1', 'DUPLICATE'], options: {} });
  });
});

describe('private reads of vital records', () => {
  it('reads the certificate and the cause of death on a member gateway', async () => {
    const { app, ledger } = testApp({ mspId: 'HealthMSP' });
    ledger.onEvaluate('getVitalRecordPrivate', () => ({ id: 'D-1' })).onEvaluate('getDeathCause', () => ({ id: 'D-1' }));
    await request(app).get('/v1/vital-records/D-1/certificate').set(KEYS.officer).expect(200);
    await request(app).get('/v1/vital-records/D-1/cause-of-death').set(KEYS.officer).expect(200);
    expect(ledger.evaluations().map((c) => [c.fn, c.args])).toEqual([
      ['getVitalRecordPrivate', ['D-1']],
      ['getDeathCause', ['D-1']],
    ]);
  });

  it.each(['PublicWorksMSP', 'AuditorMSP'])('refuses them on a %s gateway without asking the ledger', async (mspId) => {
    const { app, ledger } = testApp({ mspId });
    await request(app).get('/v1/vital-records/D-1/certificate').set(KEYS.auditor).expect(403);
    await request(app).get('/v1/vital-records/D-1/cause-of-death').set(KEYS.auditor).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('serves the public history', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getVitalRecordHistory', () => []);
    await request(app).get('/v1/vital-records/B-1/history').set(KEYS.auditor).expect(200);
    expect(ledger.calls[0]).toMatchObject({ fn: 'getVitalRecordHistory', args: ['B-1'] });
  });
});

describe('POST /v1/vital-records/batch', () => {
  const births = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `B-${i}`, type: 'BIRTH', details: { ...CERTIFICATE.details, childName: `Child ${i}` } }));

  it('submits registerVitalRecords with the IDs as argument, salted details as transient data, and answers every salt', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('registerVitalRecords', () => 2);
    const res = await request(app).post('/v1/vital-records/batch').set(KEYS.registrar).send(births(2)).expect(200);
    const [call] = ledger.submits();
    expect(call).toMatchObject({ contract: 'vital', fn: 'registerVitalRecords', args: ['BIRTH', '["B-0","B-1"]'] });
    expect(call?.args.join()).not.toContain('Child');
    const vitals = JSON.parse(String(call?.options?.transient?.vitals)) as { salt: string; details: { childName: string } }[];
    expect(vitals.map((v) => v.details.childName)).toEqual(['Child 0', 'Child 1']);
    expect(call?.options?.endorsingOrganizations).toEqual(['RegistryMSP']);
    expect(res.body).toMatchObject({ result: 2, certificates: [{ id: 'B-0', salt: vitals[0]?.salt }, { id: 'B-1', salt: vitals[1]?.salt }] });
    expect(vitals[0]?.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(vitals[0]?.salt).not.toBe(vitals[1]?.salt);
  });

  it('refuses a batch of mixed types, naming the first record of another type (400)', async () => {
    const { app, ledger } = testApp();
    const mixed = [...births(1), { id: 'M-1', type: 'MARRIAGE', details: { spouse1Name: 'A', spouse2Name: 'B', marriedAt: '2025-06-01T14:00:00Z', placeOfMarriage: 'Hall' } }];
    const res = await request(app).post('/v1/vital-records/batch').set(KEYS.registrar).send(mixed).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_ARGUMENT', detail: expect.stringMatching(/^records\[1\]\.type must be BIRTH/) });
    expect(ledger.calls).toHaveLength(0);
  });

  it('refuses a caller without the type\'s role (403)', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/vital-records/batch').set(KEYS.clerk).send(births(1)).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });
});
