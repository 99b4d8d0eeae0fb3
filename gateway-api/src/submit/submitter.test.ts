import { status as GrpcStatus } from '@grpc/grpc-js';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { ANSWER_AT_ONCE, chaincodeFailure, grpcFailure, KEYS, testApp } from '../testing';
import { DEFAULT_RESUBMIT_POLICY } from './submitter';

const OWNER = { name: 'Ada Lovelace', address: '1 Analytical Way' };
const PARCEL_INPUT = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL' };
const PARCEL = { ...PARCEL_INPUT, encumbrances: [], registeredAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };
const BODY = { ...PARCEL_INPUT, owner: OWNER };
const ASYNC = { Prefer: 'respond-async' };

/** A test app whose ledger registers parcels. */
function parcelApp(...args: Parameters<typeof testApp>) {
  const test = testApp(...args);
  test.ledger.onSubmit('registerParcel', () => PARCEL);
  return test;
}

const register = (app: ReturnType<typeof testApp>['app'], headers: Record<string, string> = {}, body: unknown = BODY) =>
  request(app).post('/v1/parcels').set(KEYS.clerk).set(headers).send(body as object);

describe('synchronous writes (the default)', () => {
  it('answer once committed, and the transaction stays pollable with the same answer', async () => {
    const { app, ledger } = parcelApp();
    const res = await register(app).expect(201);
    expect(res.body).toEqual({ txId: 'tx1', blockNumber: 11, result: PARCEL });
    expect(ledger.ordered).toEqual(['tx1']);

    const poll = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({
      txId: 'tx1',
      state: 'committed',
      attempts: 1,
      blockNumber: 11,
      response: { status: 201, headers: { Location: '/v1/parcels/P-1' }, body: res.body },
    });
  });

  it('answer a chaincode refusal at endorsement without starting a transaction job', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcel', chaincodeFailure('CONFLICT: parcel P-1 already exists', 'endorse'));
    await register(app).expect(409);
    expect(ledger.ordered).toEqual([]);
    await request(app).get('/v1/transactions/tx-failed').set(KEYS.clerk).expect(404);
  });

  it('re-send the same transaction when its commit does not come within a few blocks, and answer once committed', async () => {
    const { app, ledger } = parcelApp();
    ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx1'), 2);
    const res = await register(app).expect(201);
    expect(res.body).toMatchObject({ txId: 'tx1', blockNumber: 11 });
    // The same transaction three times, one proposal; each wait a few block intervals, not the whole deadline.
    expect(ledger.ordered).toEqual(['tx1', 'tx1', 'tx1']);
    expect(ledger.submits()).toHaveLength(1);
    expect(ledger.statusWaits.every((ms) => ms !== undefined && ms <= DEFAULT_RESUBMIT_POLICY.commitWaitMs)).toBe(true);
  });

  it('send again after a pause while no orderer takes the transaction (a Raft election)', async () => {
    const { app, ledger } = parcelApp();
    ledger.failNext('submit', grpcFailure(GrpcStatus.UNAVAILABLE, 'submit', 'tx1'), 2);
    await register(app).expect(201);
    expect(ledger.sends).toEqual(['tx1', 'tx1', 'tx1']);
    expect(ledger.ordered).toEqual(['tx1']);
  });

  it('answer a retryable 503 with the txId once the answer budget is spent, and keep following the transaction', async () => {
    const { app, ledger, submitter } = parcelApp({}, { submit: { resubmit: { commitWaitMs: 500, pauseMs: 100, answerWithinMs: 1_000 } } });
    ledger.failNext('submit', grpcFailure(GrpcStatus.UNAVAILABLE, 'submit', 'tx1'), 1_000);
    const res = await register(app).expect(503);
    expect(res.body).toMatchObject({ code: 'UNAVAILABLE', txId: 'tx1' });
    // Sent again every pause until the budget was spent: about ten times, not a thousand.
    expect(ledger.sends.length).toBeGreaterThan(2);
    expect(ledger.sends.length).toBeLessThan(20);
    expect(ledger.submits()).toHaveLength(1);
    await submitter.close();
  });

  it('answer 504 with the txId when the commit status times out, and keep following the transaction', async () => {
    const { app, ledger, submitter } = parcelApp({}, ANSWER_AT_ONCE);
    ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx1'));
    const res = await register(app).expect(504);
    expect(res.body).toMatchObject({ code: 'DEADLINE_EXCEEDED', txId: 'tx1' });

    await submitter.idle();
    const poll = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({ state: 'committed', blockNumber: 11, response: { status: 201, body: { txId: 'tx1', result: PARCEL } } });
    // After a deadline the same transaction is sent again (harmless if the orderer had it).
    expect(ledger.ordered).toEqual(['tx1', 'tx1']);
    expect(ledger.submits()).toHaveLength(1);
  });

  it('answer 503 with the txId when no peer takes the transaction, and re-send the same transaction later', async () => {
    const { app, ledger, submitter } = parcelApp({}, ANSWER_AT_ONCE);
    ledger.failNext('submit', grpcFailure(GrpcStatus.UNAVAILABLE, 'submit', 'tx1'));
    const res = await register(app).expect(503);
    expect(res.body).toMatchObject({ code: 'UNAVAILABLE', txId: 'tx1' });

    await submitter.idle();
    expect(ledger.ordered).toEqual(['tx1']);
    expect(ledger.submits()).toHaveLength(1);
    expect((await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200)).body.state).toBe('committed');
  });

  it('answer 500 with the txId, without retrying, for an invalidation that is not a conflict', async () => {
    const { app, ledger } = parcelApp();
    ledger.invalidateNext('registerParcel', 'ENDORSEMENT_POLICY_FAILURE');
    const res = await register(app).expect(500);
    expect(res.body).toMatchObject({ code: 'INTERNAL', txId: 'tx1' });
    expect(ledger.submits()).toHaveLength(1);
    const poll = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({ state: 'failed', problem: { code: 'INTERNAL', txId: 'tx1' } });
  });
});

describe('a transaction the orderers report as already processed', () => {
  it('is never sent again: its commit status settles it', async () => {
    const { app, ledger } = parcelApp();
    // The orderers already have it, and its commit is slow: three commit-status deadlines, which
    // would each re-send a transaction that seemed lost.
    ledger.alreadyProcessedNext(5);
    ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx1'), 3);
    const res = await register(app).expect(201);
    expect(res.body).toMatchObject({ txId: 'tx1', blockNumber: 11 });
    expect(ledger.sends).toEqual(['tx1']);
    expect(ledger.statusQueries).toEqual(['tx1', 'tx1', 'tx1', 'tx1']);
  });

  it('is not sent again in the background either', async () => {
    const { app, ledger, submitter } = parcelApp();
    ledger.alreadyProcessedNext(5);
    const res = await register(app, ASYNC).expect(202);
    await submitter.idle();
    expect(ledger.sends).toEqual(['tx1']);
    expect((await request(app).get(String(res.headers.location)).set(KEYS.clerk).expect(200)).body).toMatchObject({ state: 'committed', blockNumber: 11 });
  });
});

describe('conflict retries', () => {
  it('retry an MVCC conflict with a fresh proposal, and tell onRetry', async () => {
    const onRetry = jest.fn();
    const { app, ledger } = parcelApp({}, { onRetry });
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT').invalidateNext('registerParcel', 'PHANTOM_READ_CONFLICT');
    const res = await register(app).expect(201);
    expect(res.body).toMatchObject({ txId: 'tx3', blockNumber: 13 });
    expect(ledger.submits()).toHaveLength(3);
    expect(onRetry.mock.calls.map(([event]) => [event.reason, event.retry, event.txId])).toEqual([
      ['MVCC_READ_CONFLICT', 1, 'tx1'],
      ['PHANTOM_READ_CONFLICT', 2, 'tx2'],
    ]);

    // The job is named by its first txId, and found by any of them.
    for (const txId of ['tx1', 'tx2', 'tx3']) {
      const poll = await request(app).get(`/v1/transactions/${txId}`).set(KEYS.clerk).expect(200);
      expect(poll.body).toMatchObject({ txId: 'tx1', latestTxId: 'tx3', attempts: 3, state: 'committed', blockNumber: 13 });
    }
  });

  it('answer 409 MVCC_CONFLICT once the retries are spent', async () => {
    const onRetry = jest.fn();
    const { app, ledger } = parcelApp({}, { onRetry });
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT', 4);
    const res = await register(app).expect(409);
    expect(res.body).toMatchObject({ code: 'MVCC_CONFLICT', txId: 'tx4' });
    expect(ledger.submits()).toHaveLength(4);
    expect(onRetry).toHaveBeenCalledTimes(3);
    expect((await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200)).body).toMatchObject({
      state: 'failed',
      attempts: 4,
      problem: { code: 'MVCC_CONFLICT' },
    });
  });

  it('take the number of retries from the settings', async () => {
    const { app, ledger } = parcelApp({}, { submit: { conflictRetry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } } });
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT');
    await register(app).expect(409);
    expect(ledger.submits()).toHaveLength(1);
  });

  it('end the job with the refusal when the fresh proposal is refused', async () => {
    const { app, ledger } = parcelApp();
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT');
    let calls = 0;
    ledger.onSubmit('registerParcel', () => {
      calls += 1;
      if (calls > 1) throw chaincodeFailure('CONFLICT: parcel P-1 already exists', 'endorse');
      return PARCEL;
    });
    await register(app).expect(409);
    expect((await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200)).body).toMatchObject({
      state: 'failed',
      problem: { code: 'CONFLICT' },
    });
  });
});

describe('asynchronous writes (Prefer: respond-async)', () => {
  it('answer 202 once ordered; the transaction is pending, then committed with the route answer', async () => {
    const { app, ledger, submitter } = parcelApp();
    const release = ledger.holdCommits();
    const res = await register(app, ASYNC).expect(202);
    expect(res.headers.location).toBe('/v1/transactions/tx1');
    expect(res.headers['preference-applied']).toBe('respond-async');
    expect(res.body).toMatchObject({ txId: 'tx1', state: 'pending' });
    expect(ledger.ordered).toEqual(['tx1']);

    const pending = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(pending.body).toMatchObject({ txId: 'tx1', state: 'pending', attempts: 1 });
    expect(pending.headers['retry-after']).toBe('1');

    release();
    await submitter.idle();
    const committed = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(committed.body).toMatchObject({
      state: 'committed',
      blockNumber: 11,
      response: { status: 201, headers: { Location: '/v1/parcels/P-1' }, body: { txId: 'tx1', blockNumber: 11, result: PARCEL } },
    });
    expect(committed.headers['retry-after']).toBeUndefined();
  });

  it('retry conflicts in the background', async () => {
    const { app, ledger, submitter } = parcelApp();
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT');
    await register(app, ASYNC).expect(202);
    await submitter.idle();
    const poll = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({ state: 'committed', attempts: 2, latestTxId: 'tx2', blockNumber: 12 });
  });

  it('report a failure with its problem', async () => {
    const { app, ledger, submitter } = parcelApp();
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT', 4);
    await register(app, ASYNC).expect(202);
    await submitter.idle();
    const poll = await request(app).get('/v1/transactions/tx1').set(KEYS.clerk).expect(200);
    expect(poll.body).toMatchObject({ state: 'failed', attempts: 4, problem: { status: 409, code: 'MVCC_CONFLICT' } });
  });

  it('answer a refusal at endorsement directly, as a synchronous write', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcel', chaincodeFailure('INVALID_ARGUMENT: areaM2 must be positive', 'endorse'));
    await register(app, ASYNC).expect(400);
  });
});

describe('GET /v1/transactions/:txId', () => {
  it('answers 404 to another principal, as for an unknown transaction', async () => {
    const { app } = parcelApp();
    await register(app).expect(201);
    const other = await request(app).get('/v1/transactions/tx1').set(KEYS.registrar).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const unknown = await request(app).get('/v1/transactions/tx9').set(KEYS.clerk).expect(404);
    expect(unknown.body.detail).toBe(other.body.detail.replace('tx1', 'tx9'));
  });

  it('needs credentials and a valid ID', async () => {
    const { app } = parcelApp();
    await request(app).get('/v1/transactions/tx1').expect(401);
    await request(app).get('/v1/transactions/%20bad').set(KEYS.clerk).expect(400);
  });

  it('works on a read-only gateway', async () => {
    const { app } = testApp({ readOnly: true });
    await request(app).get('/v1/transactions/tx1').set(KEYS.auditor).expect(404);
  });
});

describe('logs', () => {
  it('carry the txId, once, on every line of a write, and the attempt txId after a retry', async () => {
    const raw: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw.push(chunk.toString());
        done();
      },
    });
    const { app, ledger } = parcelApp({}, { logger: pino({ level: 'debug' }, sink) });
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT');
    await register(app).expect(201);
    for (const line of raw) expect(line.match(/"txId"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const lines = raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'conflict at commit; retrying with a fresh proposal')).toMatchObject({ txId: 'tx1', reason: 'MVCC_READ_CONFLICT' });
    expect(lines.find((line) => line.msg === 'transaction committed')).toMatchObject({ txId: 'tx2', jobId: 'tx1', blockNumber: 12 });
    expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({ txId: 'tx1', res: { statusCode: 201 } });
  });
});
