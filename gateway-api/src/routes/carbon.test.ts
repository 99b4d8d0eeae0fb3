import request from 'supertest';
import { KEYS, testApp } from '../testing';

const REDUCTION = { id: 'RED-1', department: 'PublicWorksMSP', year: 2026, tonnes: 100, description: 'LED street lighting', evidenceHash: 'a'.repeat(64) };
const CREDIT = { id: 'CC-1', reductionId: 'RED-1', year: 2026, tonnes: 10, holder: 'PublicWorksMSP', status: 'ACTIVE', issuedBy: 'HealthMSP', issuedAt: '2026-06-01T10:00:00.000Z' };

describe('carbon credit routes', () => {
  it('records, issues, transfers, retires and reads totals with the chaincode arguments', async () => {
    const { app, ledger } = testApp({ mspId: 'HealthMSP' });
    ledger
      .onSubmit('recordReduction', () => ({ ...REDUCTION, issuedTonnes: 0 }))
      .onSubmit('issueCredits', () => CREDIT)
      .onSubmit('transferCredit', () => CREDIT)
      .onSubmit('retireCredit', () => ({ ...CREDIT, status: 'RETIRED' }))
      .onEvaluate('getCarbonTotals', () => [{ department: 'PublicWorksMSP', year: 2026, issuedTonnes: 10, transferredTonnes: 0, retiredTonnes: 0 }])
      .onEvaluate('getCredit', () => CREDIT)
      .onEvaluate('getReduction', () => ({ ...REDUCTION, issuedTonnes: 0 }));
    expect((await request(app).post('/v1/emission-reductions').set(KEYS.officer).send(REDUCTION).expect(201)).headers.location).toBe('/v1/emission-reductions/RED-1');
    expect((await request(app).post('/v1/carbon-credits').set(KEYS.officer).send({ id: 'CC-1', reductionId: 'RED-1', tonnes: 10 }).expect(201)).headers.location).toBe('/v1/carbon-credits/CC-1');
    await request(app).post('/v1/carbon-credits/CC-1/transfer').set(KEYS.officer).send({ to: 'RegistryMSP' }).expect(200);
    await request(app).post('/v1/carbon-credits/CC-1/retire').set(KEYS.officer).send({ reason: 'fleet 2026' }).expect(200);
    await request(app).get('/v1/carbon-totals/2026').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/carbon-credits/CC-1').set(KEYS.inspector).expect(200);
    await request(app).get('/v1/emission-reductions/RED-1').set(KEYS.inspector).expect(200);
    expect(ledger.calls.map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['carbon', 'recordReduction', [JSON.stringify(REDUCTION)]],
      ['carbon', 'issueCredits', [JSON.stringify({ id: 'CC-1', reductionId: 'RED-1', tonnes: 10 })]],
      ['carbon', 'transferCredit', ['CC-1', 'RegistryMSP']],
      ['carbon', 'retireCredit', ['CC-1', JSON.stringify({ reason: 'fleet 2026' })]],
      ['carbon', 'getCarbonTotals', ['2026']],
      ['carbon', 'getCredit', ['CC-1']],
      ['carbon', 'getReduction', ['RED-1']],
    ]);
  });

  it('refuses a bad hash, a stranger department, a bad year and a clerk, calling nothing', async () => {
    const { app, ledger } = testApp({ mspId: 'HealthMSP' });
    await request(app).post('/v1/emission-reductions').set(KEYS.officer).send({ ...REDUCTION, evidenceHash: 'x' }).expect(400);
    await request(app).post('/v1/carbon-credits/CC-1/transfer').set(KEYS.officer).send({ to: 'StrangerMSP' }).expect(400);
    await request(app).get('/v1/carbon-totals/1999').set(KEYS.officer).expect(400);
    await request(app).post('/v1/carbon-credits/CC-1/retire').set(KEYS.clerk).send({ reason: 'r' }).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });
});
