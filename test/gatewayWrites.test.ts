/**
 * The write pipeline of the gateways `up` started, over HTTPS: idempotency keys, asynchronous
 * writes polled at their `Location`, and the SSE event stream with resumption by
 * `Last-Event-ID`.
 */
import { randomBytes } from 'node:crypto';
import { gatewayAs, type GatewayResponse } from './support/http';
import { openEvents, type EventStream, type StreamedEvent } from './support/sse';

// The ledger is shared across runs, so every ID and key carries this run's suffix.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const clerk = gatewayAs('registry', 'clerk1');
const registrar = gatewayAs('registry', 'registrar1');

const owner = (id: string) => ({ name: `Owner ${id}`, address: `${id} Private Lane` });
const parcel = (id: string) => ({ id, ownerId: `CIT-${run}`, location: 'Lot 9', areaM2: 250, landUse: 'RESIDENTIAL', owner: owner(id) });

async function versions(id: string): Promise<number> {
  const res = await clerk('GET', `/v1/parcels/${id}/history`);
  expect(res.status).toBe(200);
  return (res.body as unknown[]).length;
}

describe('Idempotency-Key', () => {
  const id = `P-IDEM-${run}`;
  const key = `idem-${run}`;
  let first: GatewayResponse;

  test('the same key and body twice make one transaction; the second answer is a replay of the first', async () => {
    first = await clerk('POST', '/v1/parcels', { body: parcel(id), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const second = await clerk('POST', '/v1/parcels', { body: parcel(id), headers: { 'Idempotency-Key': key } });
    expect(second.status).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await versions(id)).toBe(1);
  });

  test('without the key the same body is a new request: 409 CONFLICT from the chaincode', async () => {
    const res = await clerk('POST', '/v1/parcels', { body: parcel(id) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  test('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const other = `${id}-other`;
    const res = await clerk('POST', '/v1/parcels', { body: parcel(other), headers: { 'Idempotency-Key': key } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await clerk('GET', `/v1/parcels/${other}`)).status).toBe(404);
    expect(await versions(id)).toBe(1);
  });
});

describe('Prefer: respond-async', () => {
  test('202 with the transaction\'s Location, polled until committed; another principal gets 404', async () => {
    const id = `P-ASYNC-${run}`;
    const accepted = await clerk('POST', '/v1/parcels', { body: parcel(id), headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = String(accepted.headers.location);
    expect(location).toMatch(/^\/v1\/transactions\/[0-9a-f]{64}$/);
    expect(accepted.body.txId).toBe(location.split('/').pop());

    let status: GatewayResponse = accepted;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      status = await clerk('GET', location);
      expect(status.status).toBe(200);
      if (status.body.state !== 'pending') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status.body).toMatchObject({ state: 'committed', response: { status: 201, headers: { Location: `/v1/parcels/${id}` }, body: { result: { id } } } });
    expect(status.body.blockNumber).toBeGreaterThan(0);
    expect(status.body.response.body.blockNumber).toBe(status.body.blockNumber);
    expect(status.text).not.toContain(owner(id).address);

    const stranger = await registrar('GET', location);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(id);
    expect((await clerk('GET', `/v1/parcels/${id}`)).status).toBe(200);
  });
});

describe('GET /v1/events (SSE)', () => {
  const QUERY = '/v1/events?chaincode=records';
  const ids = [1, 2, 3].map((n) => `P-SSE-${run}-${n}`);
  const mine = (e: StreamedEvent) => ids.some((id) => JSON.stringify(e.data.payload).includes(`"${id}"`));
  const streams: EventStream[] = [];
  afterAll(() => streams.forEach((s) => s.close()));
  let lastSeen: string;

  async function register(id: string): Promise<string> {
    const res = await clerk('POST', '/v1/parcels', { body: parcel(id) });
    expect(res.status).toBe(201);
    return res.body.txId;
  }

  /** `<block>:<txIndex>` as a pair of numbers, to compare checkpoints. */
  const checkpoint = (id: string) => id.split(':').map(Number) as [number, number];
  const after = (a: string, b: string) => {
    const [ab, ai] = checkpoint(a);
    const [bb, bi] = checkpoint(b);
    return ab > bb || (ab === bb && ai > bi);
  };

  test('a write after subscribing arrives as its event, with its txId and no private data', async () => {
    const stream = await openEvents('registry', 'clerk1', QUERY);
    streams.push(stream);
    expect(stream.status).toBe(200);
    const txId = await register(ids[0] as string);
    const event = await stream.waitFor((e) => e.data.txId === txId);
    expect(event).toMatchObject({ event: 'parcel.registered', data: { chaincode: 'records', eventName: 'parcel.registered', payload: { parcelId: ids[0] } } });
    expect(event.id).toMatch(/^\d+:\d+$/);
    expect(event.data.id).toBe(event.id);
    expect(event.data.blockNumber).toBe(checkpoint(event.id)[0]);
    for (const e of stream.events) expect(e.data.chaincode).toBe('records');
    lastSeen = (stream.events[stream.events.length - 1] as StreamedEvent).id;
    stream.close();
  });

  test('reconnecting with Last-Event-ID gives exactly the events missed meanwhile: none lost, none repeated', async () => {
    const missed = [await register(ids[1] as string), await register(ids[2] as string)];
    const stream = await openEvents('registry', 'clerk1', QUERY, lastSeen);
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.data.txId === missed[1]);
    // Give a repeated or stray event time to show up before judging the list.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stream.events.filter(mine).map((e) => e.data.txId)).toEqual(missed);
    for (const e of stream.events) expect(after(e.id, lastSeen)).toBe(true);
    expect(new Set(stream.events.map((e) => e.id)).size).toBe(stream.events.length);
    for (const e of streams.flatMap((s) => s.events)) {
      for (const id of ids) {
        expect(e.raw).not.toContain(owner(id).name);
        expect(e.raw).not.toContain(owner(id).address);
      }
    }
    stream.close();
  });

  test('a malformed Last-Event-ID is 400 INVALID_ARGUMENT, nothing streamed', async () => {
    const res = await clerk('GET', QUERY, { headers: { 'Last-Event-ID': 'not-a-checkpoint' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_ARGUMENT');
  });
});
