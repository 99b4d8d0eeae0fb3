import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { FakeEventSource } from '../testing';
import type { RetryPolicy } from './backoff';
import type { LedgerEvent } from './ledgerEvent';
import { SubscriptionStore } from './subscriptionStore';
import { WebhookDispatcher } from './webhookDispatcher';
import { parseAllowList, WebhookTargets } from './webhookTargets';
import { SIGNATURE_HEADER, verifySignature } from './webhookSignature';

interface Delivery {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** A receiver on 127.0.0.1 that answers each POST with the next status of `statuses` (then 204). */
async function receiver(statuses: number[] = []) {
  const deliveries: Delivery[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
      for (const wake of [...waiters]) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    deliveries,
    until: (count: number, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (deliveries.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`expected ${count} deliveries, got ${deliveries.length}`)), timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

const FAST: RetryPolicy = { maxAttempts: 4, baseDelayMs: 40, maxDelayMs: 1_000 };
const logger = pino({ level: 'silent' });
const eventIds = (deliveries: readonly Delivery[]) => deliveries.map((d) => d.headers['x-city-ledger-event-id']);

let dir: string;
let dispatchers: WebhookDispatcher[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'webhooks-'));
  dispatchers = [];
});

afterEach(async () => {
  await Promise.all(dispatchers.map((d) => d.stop()));
  rmSync(dir, { recursive: true, force: true });
});

// The receivers listen on 127.0.0.1, which an operator must allow, as here.
const LOCAL_RECEIVERS = new WebhookTargets(parseAllowList('127.0.0.1'));

function startDispatcher(db: DatabaseSync, source: FakeEventSource, retry: RetryPolicy = FAST, targets = LOCAL_RECEIVERS) {
  const store = new SubscriptionStore(db);
  const dispatcher = new WebhookDispatcher({ store, source, logger, retry, reconnectDelayMs: 20, targets });
  dispatchers.push(dispatcher);
  dispatcher.start();
  return { store, dispatcher };
}

function subscribe(store: SubscriptionStore, source: FakeEventSource, url: string, filter = { chaincodes: [] as string[], eventNames: [] as string[] }) {
  return store.create({ owner: 'tax-system', user: 'clerk1', url, filter, start: { blockNumber: source.height, txIndex: -1 } });
}

describe('WebhookDispatcher', () => {
  it('POSTs each event in order, signed so the receiver can verify it, and acknowledges it', async () => {
    const source = new FakeEventSource();
    const target = await receiver();
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription, secret } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);

    const [a, b] = source.emitBlock([
      { chaincode: 'records', eventName: 'parcel.registered', payload: { parcelId: 'P-1' } },
      { chaincode: 'records', eventName: 'parcel.transferred', payload: { parcelId: 'P-1' } },
    ]);
    await target.until(2);
    expect(eventIds(target.deliveries)).toEqual([`${a?.blockNumber}:0`, `${b?.blockNumber}:1`]);

    const [first] = target.deliveries;
    const signature = first?.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, first?.body ?? '', signature)).toBe(true);
    expect(verifySignature(secret, `${first?.body} `, signature)).toBe(false);
    expect(verifySignature('whsec_other', first?.body ?? '', signature)).toBe(false);
    expect(JSON.parse(first?.body ?? '')).toEqual({
      subscriptionId: subscription.id,
      id: `${a?.blockNumber}:0`,
      chaincode: 'records',
      eventName: 'parcel.registered',
      txId: a?.txId,
      blockNumber: Number(a?.blockNumber),
      payload: { parcelId: 'P-1' },
    });
    expect(source.opened[0]?.user).toBe('clerk1');
    await acknowledged(store, subscription.id, b as LedgerEvent);
    await target.close();
  });

  it('delivers only what the filter keeps, and moves the checkpoint past the rest', async () => {
    const source = new FakeEventSource();
    const target = await receiver();
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription } = subscribe(store, source, target.url, { chaincodes: ['logistics'], eventNames: ['WasteCollected'] });
    dispatcher.sync(subscription.id);
    source.emit('records', 'WasteCollected', {});
    const kept = source.emit('logistics', 'WasteCollected', { manifestId: 'W-1' });
    const skipped = source.emit('logistics', 'ShipmentCreated', {});
    await target.until(1);
    await acknowledged(store, subscription.id, skipped);
    expect(eventIds(target.deliveries)).toEqual([`${kept.blockNumber}:0`]);
    await target.close();
  });

  it('retries a failing receiver with growing, jittered delays, then succeeds; order holds', async () => {
    const source = new FakeEventSource();
    const target = await receiver([500, 503, 429]);
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);
    const a = source.emit('records', 'permit.applied', { permitId: 'PM-1' });
    const b = source.emit('records', 'permit.reviewed', { permitId: 'PM-1' });

    await target.until(3);
    expect(store.get(subscription.id)).toMatchObject({ status: 'active', failure: { eventId: `${a.blockNumber}:0`, attempts: 2, error: 'HTTP 503' } });
    await target.until(5);
    const times = target.deliveries.map((d) => d.at);
    const gaps = [1, 2, 3].map((i) => (times[i] ?? 0) - (times[i - 1] ?? 0));
    // Backoff ceilings 40, 80, 160 ms; each delay is drawn from the upper half.
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);
    expect(eventIds(target.deliveries)).toEqual([...Array(4).fill(`${a.blockNumber}:0`), `${b.blockNumber}:0`]);
    expect(target.deliveries.map((d) => d.headers['x-city-ledger-attempt'])).toEqual(['1', '2', '3', '4', '1']);
    await acknowledged(store, subscription.id, b);
    expect(store.get(subscription.id)?.failure).toBeUndefined();
    await target.close();
  });

  it('after the last attempt the subscription is dead at that event; resuming retries it first', async () => {
    const source = new FakeEventSource();
    const target = await receiver([500, 500, 500, 500]);
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);
    const a = source.emit('records', 'permit.applied', {});
    const b = source.emit('records', 'permit.reviewed', {});
    await target.until(4);
    await waitFor(() => store.get(subscription.id)?.status === 'dead');
    expect(store.get(subscription.id)?.failure).toMatchObject({ eventId: `${a.blockNumber}:0`, attempts: 4, error: 'HTTP 500' });
    await waitFor(() => !dispatcher.isDelivering(subscription.id));
    expect(target.deliveries).toHaveLength(4);

    store.resume('tax-system', subscription.id);
    dispatcher.sync(subscription.id);
    await target.until(6);
    expect(eventIds(target.deliveries.slice(4))).toEqual([`${a.blockNumber}:0`, `${b.blockNumber}:0`]);
    await target.close();
  });

  it('never POSTs to an address the operator has not allowed: each attempt fails as refused, and the subscription dies', async () => {
    const source = new FakeEventSource();
    const target = await receiver();
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source, FAST, new WebhookTargets());
    const { subscription } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);
    source.emit('records', 'permit.applied', {});
    await waitFor(() => store.get(subscription.id)?.status === 'dead');
    expect(store.get(subscription.id)?.failure?.error).toMatch(/^refused: the URL points at a loopback address \(127\.0\.0\.1\)/);
    expect(target.deliveries).toHaveLength(0);
    await target.close();
  });

  it('a restarted dispatcher on the same database resumes after the last acknowledged event', async () => {
    const file = path.join(dir, 'gateway.db');
    const source = new FakeEventSource();
    const target = await receiver();
    const before = startDispatcher(new DatabaseSync(file), source);
    const { subscription, secret } = subscribe(before.store, source, target.url);
    before.dispatcher.sync(subscription.id);
    const a = source.emit('records', 'parcel.registered', { parcelId: 'P-1' });
    await target.until(1);
    await acknowledged(before.store, subscription.id, a);
    await before.dispatcher.stop();

    // Committed while the gateway was down.
    const b = source.emit('records', 'parcel.registered', { parcelId: 'P-2' });
    const c = source.emit('identity', 'citizen.registered', { citizenId: 'C-1' });
    const after = startDispatcher(new DatabaseSync(file), source);
    await target.until(3);
    expect(eventIds(target.deliveries)).toEqual([`${a.blockNumber}:0`, `${b.blockNumber}:0`, `${c.blockNumber}:0`]);
    expect(source.opened.at(-1)?.start).toEqual({ after: { blockNumber: a.blockNumber, txIndex: 0 } });
    expect(verifySignature(secret, target.deliveries[2]?.body ?? '', target.deliveries[2]?.headers['x-city-ledger-signature'] as string)).toBe(true);
    await acknowledged(after.store, subscription.id, c);
    await target.close();
  });

  it('reopens a broken event stream from the checkpoint, without repeating acknowledged events', async () => {
    const source = new FakeEventSource();
    const target = await receiver();
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);
    const a = source.emit('records', 'parcel.registered', {});
    await target.until(1);
    await acknowledged(store, subscription.id, a);
    source.breakStreams(new Error('14 UNAVAILABLE'));
    const b = source.emit('records', 'parcel.transferred', {});
    await target.until(2);
    expect(eventIds(target.deliveries)).toEqual([`${a.blockNumber}:0`, `${b.blockNumber}:0`]);
    expect(source.opened).toHaveLength(2);
    await target.close();
  });

  it('stops delivering a forgotten (deleted) subscription and closes its stream', async () => {
    const source = new FakeEventSource();
    const target = await receiver();
    const { store, dispatcher } = startDispatcher(new DatabaseSync(':memory:'), source);
    const { subscription } = subscribe(store, source, target.url);
    dispatcher.sync(subscription.id);
    await waitFor(() => source.openStreams === 1);
    store.delete('tax-system', subscription.id);
    dispatcher.forget(subscription.id);
    await waitFor(() => source.openStreams === 0);
    source.emit('records', 'parcel.registered', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(target.deliveries).toHaveLength(0);
    await target.close();
  });
});

/** Waits until the store's checkpoint is at `event`. */
function acknowledged(store: SubscriptionStore, id: string, event: { blockNumber: bigint; txIndex: number }): Promise<void> {
  return waitFor(() => {
    const checkpoint = store.get(id)?.checkpoint;
    return checkpoint?.blockNumber === event.blockNumber && checkpoint.txIndex === event.txIndex;
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
