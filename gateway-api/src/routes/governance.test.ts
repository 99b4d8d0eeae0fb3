import request from 'supertest';
import { sha256Hex } from '@city-ledger/domain';
import { chaincodeFailure, KEYS, testApp } from '../testing';

const APPROPRIATION = { id: 'APP-1', department: 'PublicWorks', fiscalYear: 2026, amount: 1_000_000, purpose: 'Roads' };
const CONTRACT = { id: 'CON-1', appropriationId: 'APP-1', supplierId: 'SUP-1', amount: 600_000, procurementId: 'DLV-1' };
const DECISION = { id: 'DEC-1', motion: 'Approve the park', documentHash: sha256Hex('doc'), votes: [{ member: 'Ada', vote: 'YES' }] };

describe('budget routes', () => {
  it('appropriates, awards, pays and reads, with the chaincode calls the routes declare', async () => {
    const { app, ledger } = testApp();
    ledger
      .onSubmit('appropriate', () => APPROPRIATION)
      .onSubmit('awardContract', () => CONTRACT)
      .onSubmit('recordPayment', () => ({ id: 'PAY-1' }))
      .onEvaluate('getBudgetSummary', () => ({ department: 'PublicWorks', fiscalYear: 2026, appropriations: ['APP-1'], budgeted: 1, committed: 0, spent: 0 }))
      .onEvaluate('listContractPayments', () => []);
    expect((await request(app).post('/v1/appropriations').set(KEYS.clerk).send(APPROPRIATION).expect(201)).headers.location).toBe('/v1/appropriations/APP-1');
    expect((await request(app).post('/v1/contracts').set(KEYS.registrar).send(CONTRACT).expect(201)).headers.location).toBe('/v1/contracts/CON-1');
    await request(app).post('/v1/payments').set(KEYS.clerk).send({ id: 'PAY-1', contractId: 'CON-1', amount: 10 }).expect(201);
    await request(app).get('/v1/budget-summaries/PublicWorks/2026').set(KEYS.auditor).expect(200);
    await request(app).get('/v1/contracts/CON-1/payments').set(KEYS.auditor).expect(200);
    expect(ledger.calls.map((c) => [c.contract, c.fn, c.args])).toEqual([
      ['budget', 'appropriate', [JSON.stringify(APPROPRIATION)]],
      ['budget', 'awardContract', [JSON.stringify(CONTRACT)]],
      ['budget', 'recordPayment', [JSON.stringify({ id: 'PAY-1', contractId: 'CON-1', amount: 10 })]],
      ['budget', 'getBudgetSummary', ['PublicWorks', '2026']],
      ['budget', 'listContractPayments', ['CON-1']],
    ]);
  });

  it('maps an overspend to 409 CONFLICT', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('recordPayment', chaincodeFailure('CONFLICT: payment PAY-2 of 500 would bring contract CON-1 to 1100 paid, more than its 1000', 'endorse'));
    const res = await request(app).post('/v1/payments').set(KEYS.clerk).send({ id: 'PAY-2', contractId: 'CON-1', amount: 500 }).expect(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('refuses fractional cents, a bad year and inspectors before the ledger', async () => {
    const { app, ledger } = testApp();
    await request(app).post('/v1/appropriations').set(KEYS.clerk).send({ ...APPROPRIATION, amount: 1.5 }).expect(400);
    await request(app).get('/v1/budget-summaries/PublicWorks/26').set(KEYS.clerk).expect(400);
    await request(app).post('/v1/contracts').set(KEYS.inspector).send(CONTRACT).expect(403);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('council routes', () => {
  it('records a decision and checks a presented document by its SHA-256, also on a read-only gateway', async () => {
    const { app, ledger } = testApp();
    ledger.onSubmit('recordDecision', () => ({ ...DECISION, outcome: 'ADOPTED' }));
    await request(app).post('/v1/council-decisions').set(KEYS.clerk).send(DECISION).expect(201);
    const auditor = testApp({ readOnly: true, mspId: 'AuditorMSP' });
    auditor.ledger.onEvaluate('checkDocument', ({ args }) => ({ decisionId: args[0], result: args[1] === sha256Hex('doc') ? 'MATCH' : 'MISMATCH', recordedHash: sha256Hex('doc'), presentedHash: args[1] }));
    const match = await request(auditor.app).post('/v1/council-decisions/DEC-1/document-check').set(KEYS.auditor).send({ document: Buffer.from('doc').toString('base64') }).expect(200);
    expect(match.body.result).toBe('MATCH');
    const changed = await request(auditor.app).post('/v1/council-decisions/DEC-1/document-check').set(KEYS.auditor).send({ document: Buffer.from('doc!').toString('base64') }).expect(200);
    expect(changed.body.result).toBe('MISMATCH');
    await request(auditor.app).post('/v1/council-decisions').set(KEYS.auditor).send(DECISION).expect(403);
    await request(auditor.app).post('/v1/council-decisions/DEC-1/document-check').set(KEYS.auditor).send({ document: 'not base64!' }).expect(400);
  });
});
