import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { FakeEventSource, KEYS, openSse, testApp, type SseConnection } from '../testing';

const CHAINCODES = ['records', 'identity', 'logistics'];

let server: Server;
let source: FakeEventSource;
let base: string;

beforeEach(async () => {
  source = new FakeEventSource();
  const { app } = testApp({}, { events: { source, chaincodes: CHAINCODES, heartbeatMs: 50 } });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves once the route has opened its ledger stream (the SSE headers come first). */
async function connect(query = '', headers: Record<string, string> = {}): Promise<SseConnection> {
  const opened = source.opened.length;
  const sse = await openSse(`${base}/v1/events${query}`, { ...KEYS.auditor, ...headers });
  expect(sse.status).toBe(200);
  expect(source.opened.length).toBe(opened + 1);
  return sse;
}

const ids = (messages: readonly { id?: string }[]) => messages.map((m) => m.id);

describe('GET /v1/events', () => {
  it('delivers an event emitted after subscribing, as id/event/data, read as the caller', async () => {
    const sse = await connect();
    const event = source.emit('records', 'parcel.transferred', { parcelId: 'P-1', fromOwnerId: 'C-1', toOwnerId: 'C-2' });
    const [message] = await sse.next(1);
    expect(message).toEqual({ id: `${event.blockNumber}:0`, event: 'parcel.transferred', data: expect.any(String) });
    expect(JSON.parse(message?.data ?? '')).toEqual({
      id: `${event.blockNumber}:0`,
      chaincode: 'records',
      eventName: 'parcel.transferred',
      txId: event.txId,
      blockNumber: Number(event.blockNumber),
      payload: { parcelId: 'P-1', fromOwnerId: 'C-1', toOwnerId: 'C-2' },
    });
    expect(source.opened[0]).toEqual({ user: 'auditor1', start: 'now' });
    sse.close();
  });

  it('starts at the next block: events committed before connecting are not sent', async () => {
    source.emit('records', 'parcel.registered', { parcelId: 'P-0' });
    const sse = await connect();
    const later = source.emit('records', 'parcel.registered', { parcelId: 'P-1' });
    expect(ids(await sse.next(1))).toEqual([`${later.blockNumber}:0`]);
    sse.close();
  });

  it('resumes after Last-Event-ID: none lost, none repeated, across blocks and within one', async () => {
    const first = await connect();
    const [a, b] = source.emitBlock([
      { chaincode: 'records', eventName: 'permit.applied', payload: { permitId: 'PM-1' } },
      { chaincode: 'identity', eventName: 'citizen.registered', payload: { citizenId: 'C-1' } },
    ]);
    const [seen] = await first.next(1);
    expect(seen?.id).toBe(`${a?.blockNumber}:0`);
    first.close();
    await first.ended;

    // Committed while the client was away: the rest of that block, and a new one.
    const c = source.emit('logistics', 'ShipmentCreated', { shipmentId: 'S-1' });
    const resumed = await connect('', { 'Last-Event-ID': seen?.id ?? '' });
    const d = source.emit('records', 'permit.approved', { permitId: 'PM-1' });
    const messages = await resumed.next(3);
    expect(ids(messages)).toEqual([`${b?.blockNumber}:1`, `${c.blockNumber}:0`, `${d.blockNumber}:0`]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumed.messages).toHaveLength(3);
    resumed.close();
  });

  it('takes the checkpoint from ?lastEventId=, and the header over it', async () => {
    const [a, b, c] = [1, 2, 3].map((n) => source.emit('records', 'parcel.registered', { parcelId: `P-${n}` }));
    const byQuery = await connect(`?lastEventId=${a?.blockNumber}:0`);
    expect(ids(await byQuery.next(2))).toEqual([`${b?.blockNumber}:0`, `${c?.blockNumber}:0`]);
    byQuery.close();

    const both = await connect(`?lastEventId=${a?.blockNumber}:0`, { 'Last-Event-ID': `${b?.blockNumber}:0` });
    expect(ids(await both.next(1))).toEqual([`${c?.blockNumber}:0`]);
    both.close();
  });

  it('filters by chaincode and by event name (comma-separated or repeated)', async () => {
    const sse = await connect('?chaincode=records,logistics&event=parcel.registered&event=WasteCollected');
    source.emit('identity', 'citizen.registered', { citizenId: 'C-1' });
    source.emit('records', 'permit.applied', { permitId: 'PM-1' });
    const parcel = source.emit('records', 'parcel.registered', { parcelId: 'P-1' });
    source.emit('identity', 'WasteCollected', { manifestId: 'W-0' });
    const waste = source.emit('logistics', 'WasteCollected', { manifestId: 'W-1' });
    expect(ids(await sse.next(2))).toEqual([`${parcel.blockNumber}:0`, `${waste.blockNumber}:0`]);
    expect(sse.messages.map((m) => m.event)).toEqual(['parcel.registered', 'WasteCollected']);
    sse.close();
  });

  it('sends heartbeat comments while idle, and closes the ledger stream when the client leaves', async () => {
    const sse = await connect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sse.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    expect(source.openStreams).toBe(1);
    sse.close();
    for (let i = 0; i < 50 && source.openStreams > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.openStreams).toBe(0);
  });

  it('ends the response when the ledger stream breaks, so the client reconnects', async () => {
    const sse = await connect();
    source.breakStreams(new Error('14 UNAVAILABLE: peer went away'));
    await sse.ended;
    expect(sse.comments.at(-1)).toMatch(/reconnect with Last-Event-ID/);
    expect(source.openStreams).toBe(0);
  });

  it.each([
    ['a malformed Last-Event-ID header', '', { 'Last-Event-ID': 'yesterday' }, '/query/lastEventId'],
    ['a malformed lastEventId', '?lastEventId=12', {}, '/query/lastEventId'],
    ['an unknown chaincode', '?chaincode=records,payroll', {}, '/query/chaincode'],
    ['a malformed event name', '?event=parcel%20registered', {}, '/query/event'],
    ['an unknown parameter', '?since=5', {}, '/query'],
  ])('refuses %s with 400 INVALID_ARGUMENT before streaming', async (_case, query, headers, path) => {
    const res = await request(server).get(`/v1/events${query}`).set(KEYS.clerk).set(headers).expect(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('INVALID_ARGUMENT');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(source.opened).toHaveLength(0);
  });

  it('needs credentials', async () => {
    expect((await request(server).get('/v1/events').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect(source.opened).toHaveLength(0);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await request(server).get('/openapi.json').expect(200)).body;
    expect(doc.paths['/v1/events'].get.operationId).toBe('streamEvents');
  });

  it('holds at most maxStreamsPerPrincipal open streams per principal: one more answers 429, a closed one frees its place', async () => {
    const limited = testApp({}, { events: { source, chaincodes: CHAINCODES, maxStreamsPerPrincipal: 2 } }).app.listen(0, '127.0.0.1');
    await new Promise((resolve) => limited.once('listening', resolve));
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/v1/events`;
    const [a, b] = [await openSse(url, KEYS.auditor), await openSse(url, KEYS.auditor)];
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = await request(url).get('').set(KEYS.auditor).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    const other = await openSse(url, KEYS.clerk);
    expect(other.status).toBe(200);
    a.close();
    // The server learns of the close asynchronously: try until the place is free (bounded).
    let again = await openSse(url, KEYS.auditor);
    for (let tries = 0; again.status !== 200 && tries < 100; tries += 1) {
      again.close();
      await new Promise((resolve) => setImmediate(resolve));
      again = await openSse(url, KEYS.auditor);
    }
    expect(again.status).toBe(200);
    for (const sse of [b, other, again]) sse.close();
    limited.closeAllConnections();
    await new Promise((resolve) => limited.close(resolve));
  });
});
