import { DatabaseSync } from 'node:sqlite';
import { status as GrpcStatus } from '@grpc/grpc-js';
import request from 'supertest';
import { HttpProblem } from '../errors';
import { ANSWER_AT_ONCE, chaincodeFailure, grpcFailure, KEYS, testApp } from '../testing';
import type { Answer } from './answer';
import { IdempotencyStore, parseIdempotencyKey, requestFingerprint } from './idempotency';

const OWNER = { name: 'Ada Lovelace', address: '1 Analytical Way' };
const PARCEL_INPUT = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4, Block 7', areaM2: 500, landUse: 'RESIDENTIAL' };
const BODY = { ...PARCEL_INPUT, owner: OWNER };
const KEY = '6f1c2f6e-3b7a-4d55-9d1e-0c8e2a1b9f00';

function parcelApp(...args: Parameters<typeof testApp>) {
  const test = testApp(...args);
  test.ledger.onSubmit('registerParcel', () => PARCEL_INPUT);
  return test;
}

const register = (app: ReturnType<typeof testApp>['app'], headers: Record<string, string> = {}, body: unknown = BODY, key = KEYS.clerk) =>
  request(app).post('/v1/parcels').set(key).set(headers).send(body as object);

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, with no second transaction', async () => {
    const { app, ledger } = parcelApp();
    const first = await register(app, { 'Idempotency-Key': KEY }).expect(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();

    // Same body, keys in another order: the canonical body is the same.
    const { owner, ...rest } = BODY;
    const again = await register(app, { 'Idempotency-Key': KEY }, { owner, ...rest }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe('/v1/parcels/P-1');
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(ledger.submits()).toHaveLength(1);
    expect(ledger.ordered).toEqual(['tx1']);
  });

  it('refuses the same key for another body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const { app, ledger } = parcelApp();
    await register(app, { 'Idempotency-Key': KEY }).expect(201);
    const res = await register(app, { 'Idempotency-Key': KEY }, { ...BODY, areaM2: 501 }).expect(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(ledger.submits()).toHaveLength(1);
  });

  it('keeps keys per principal', async () => {
    const { app, ledger } = parcelApp();
    await register(app, { 'Idempotency-Key': KEY }).expect(201);
    const other = await register(app, { 'Idempotency-Key': KEY }, BODY, KEYS.registrar).expect(201);
    expect(other.headers['idempotency-replayed']).toBeUndefined();
    expect(ledger.submits()).toHaveLength(2);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request runs, then replays it', async () => {
    const { app, ledger } = parcelApp();
    const release = ledger.holdCommits();
    const first = register(app, { 'Idempotency-Key': KEY }).then((res) => res);
    while (ledger.statusQueries.length === 0) await new Promise((resolve) => setImmediate(resolve));

    const busy = await register(app, { 'Idempotency-Key': KEY }).expect(409);
    expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', txId: 'tx1' });
    release();
    expect((await first).status).toBe(201);
    await register(app, { 'Idempotency-Key': KEY }).expect(201).expect('Idempotency-Replayed', 'true');
    expect(ledger.submits()).toHaveLength(1);
  });

  it('stores a chaincode refusal and replays it', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcel', chaincodeFailure('CONFLICT: parcel P-1 already exists', 'endorse'));
    await register(app, { 'Idempotency-Key': KEY }).expect(409);
    const again = await register(app, { 'Idempotency-Key': KEY }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toMatchObject({ code: 'CONFLICT', detail: 'parcel P-1 already exists' });
    expect(ledger.submits()).toHaveLength(1);
  });

  it('frees the key after a 503 before anything was ordered, so the client can retry', async () => {
    const { app, ledger } = testApp();
    ledger.failWith('registerParcel', grpcFailure(GrpcStatus.UNAVAILABLE, 'endorse'));
    await register(app, { 'Idempotency-Key': KEY }).expect(503);
    ledger.onSubmit('registerParcel', () => PARCEL_INPUT);
    const retried = await register(app, { 'Idempotency-Key': KEY }).expect(201);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
    expect(ledger.submits()).toHaveLength(2);
  });

  it('frees the key after MVCC_CONFLICT (nothing committed), so the client can retry', async () => {
    const { app, ledger } = parcelApp();
    ledger.invalidateNext('registerParcel', 'MVCC_READ_CONFLICT', 4);
    await register(app, { 'Idempotency-Key': KEY }).expect(409);
    await register(app, { 'Idempotency-Key': KEY }).expect(201);
    expect(ledger.submits()).toHaveLength(5);
  });

  it('binds the key to a transaction that timed out, and gives it the transaction final answer', async () => {
    const { app, ledger, submitter } = parcelApp({}, ANSWER_AT_ONCE);
    const release = ledger.holdCommits();
    ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx1'));
    await register(app, { 'Idempotency-Key': KEY }).expect(504);
    const busy = await register(app, { 'Idempotency-Key': KEY }).expect(409);
    expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', txId: 'tx1' });

    release();
    await submitter.idle();
    const replay = await register(app, { 'Idempotency-Key': KEY }).expect(201);
    expect(replay.body).toMatchObject({ txId: 'tx1', blockNumber: 11 });
    expect(ledger.submits()).toHaveLength(1);
  });

  it('keeps the key of a timed-out transaction that commits before the 504 is recorded', async () => {
    const { app, ledger, submitter } = parcelApp({}, ANSWER_AT_ONCE);
    ledger.failNext('commitStatus', grpcFailure(GrpcStatus.DEADLINE_EXCEEDED, 'commitStatus', 'tx1'));
    await register(app, { 'Idempotency-Key': KEY }).expect(504);
    await submitter.idle();
    await register(app, { 'Idempotency-Key': KEY }).expect(201).expect('Idempotency-Replayed', 'true');
    expect(ledger.submits()).toHaveLength(1);
  });

  it('replays the 202 of an asynchronous write', async () => {
    const { app, ledger } = parcelApp();
    const first = await register(app, { 'Idempotency-Key': KEY, Prefer: 'respond-async' }).expect(202);
    const again = await register(app, { 'Idempotency-Key': KEY, Prefer: 'respond-async' }).expect(202);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(ledger.submits()).toHaveLength(1);
  });

  it.each([
    ['too short', 'abc'],
    ['with a space', 'abc def ghi'],
    ['too long', 'k'.repeat(256)],
    ['with a comma', 'abcdefgh,ijk'],
  ])('refuses a key %s with 400, before anything reaches the ledger', async (_what, key) => {
    const { app, ledger } = parcelApp();
    const res = await register(app, { 'Idempotency-Key': key }).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_ARGUMENT', errors: [{ path: '/headers/idempotency-key' }] });
    expect(ledger.calls).toEqual([]);
  });

  it('is ignored on reads', async () => {
    const { app, ledger } = testApp();
    ledger.onEvaluate('getParcel', () => PARCEL_INPUT);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).set('Idempotency-Key', 'x').expect(200);
  });
});

describe('parseIdempotencyKey', () => {
  it('accepts a plain or quoted key, and nothing without the header', () => {
    expect(parseIdempotencyKey(KEY)).toBe(KEY);
    expect(parseIdempotencyKey(`"${KEY}"`)).toBe(KEY);
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(() => parseIdempotencyKey('"short"')).toThrow(HttpProblem);
  });
});

describe('requestFingerprint', () => {
  it('depends on method, path and canonical body', () => {
    const base = requestFingerprint('POST', '/v1/parcels', { a: 1, b: 2 });
    expect(requestFingerprint('post', '/v1/parcels', { b: 2, a: 1 })).toBe(base);
    expect(requestFingerprint('PUT', '/v1/parcels', { a: 1, b: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/parcels/P-1/transfer', { a: 1, b: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/parcels', { a: 1, b: 3 })).not.toBe(base);
  });
});

describe('IdempotencyStore', () => {
  const ANSWER: Answer = { status: 201, body: { ok: true }, headers: {}, problem: false };
  const TTL = 1_000;

  it('lets a key be used again once its answer has expired, and purges it', () => {
    const store = new IdempotencyStore(new DatabaseSync(':memory:'), TTL);
    expect(store.reserve('p', KEY, 'f1', 0)).toEqual({ kind: 'reserved' });
    store.finish('p', KEY, ANSWER, 10);
    expect(store.reserve('p', KEY, 'f1', 10 + TTL - 1)).toEqual({ kind: 'replay', answer: ANSWER });
    expect(store.purge(10 + TTL - 1)).toBe(0);
    expect(store.purge(10 + TTL)).toBe(1);
    expect(store.reserve('p', KEY, 'f2', 10 + TTL)).toEqual({ kind: 'reserved' });
  });

  it('never expires a key still in flight', () => {
    const store = new IdempotencyStore(new DatabaseSync(':memory:'), TTL);
    store.reserve('p', KEY, 'f1', 0);
    store.bindJob('p', KEY, 'tx1');
    expect(store.purge(10 * TTL)).toBe(0);
    expect(() => store.reserve('p', KEY, 'f1', 10 * TTL)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'IDEMPOTENCY_IN_PROGRESS' }) }));
    expect(store.unfinished()).toEqual([{ principal: 'p', key: KEY, jobId: 'tx1' }]);
  });
});
