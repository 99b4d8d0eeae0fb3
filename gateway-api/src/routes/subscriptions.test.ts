import { DatabaseSync } from 'node:sqlite';
import request from 'supertest';
import { SubscriptionStore } from '../events/subscriptionStore';
import type { SubscriptionWatcher } from '../events/webhookDispatcher';
import { parseAllowList, WebhookTargets } from '../events/webhookTargets';
import { FakeEventSource, KEYS, testApp } from '../testing';

function subscriptionsApp() {
  const store = new SubscriptionStore(new DatabaseSync(':memory:'));
  const watched: string[] = [];
  const dispatcher: SubscriptionWatcher = { sync: (id) => watched.push(`sync ${id}`), forget: (id) => watched.push(`forget ${id}`) };
  const { app, ledger } = testApp({}, { events: { source: new FakeEventSource(), chaincodes: ['records', 'identity', 'logistics'], subscriptions: { store, dispatcher } } });
  ledger.peers = [
    { peer: 'peer0', reachable: true, height: 41 },
    { peer: 'peer1', reachable: true, height: 42 },
  ];
  return { app, ledger, store, watched };
}

const BODY = { url: 'https://tax.city.local/hooks/ledger', chaincodes: ['records'], eventNames: ['parcel.transferred'] };

describe('/v1/subscriptions', () => {
  it('creates a subscription for the caller, starting at the next block, and shows its secret once', async () => {
    const { app, store, watched } = subscriptionsApp();
    const res = await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(BODY).expect(201);
    expect(res.body).toMatchObject({ url: BODY.url, chaincodes: ['records'], eventNames: ['parcel.transferred'], status: 'active', checkpoint: '42:-1' });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.headers.location).toBe(`/v1/subscriptions/${res.body.id}`);
    expect(store.get(res.body.id)).toMatchObject({ owner: 'tax-system', user: 'clerk1' });
    expect(store.secret(res.body.id)).toBe(res.body.secret);
    expect(watched).toEqual([`sync ${res.body.id}`]);

    const one = await request(app).get(`/v1/subscriptions/${res.body.id}`).set(KEYS.clerk).expect(200);
    const list = await request(app).get('/v1/subscriptions').set(KEYS.clerk).expect(200);
    expect(one.body.secret).toBeUndefined();
    expect(list.body.subscriptions).toEqual([one.body]);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
  });

  it('lets the Auditor subscribe on a read-only gateway (no ledger write)', async () => {
    const store = new SubscriptionStore(new DatabaseSync(':memory:'));
    const dispatcher: SubscriptionWatcher = { sync: () => {}, forget: () => {} };
    const targets = new WebhookTargets(parseAllowList('127.0.0.1'));   // the operator allows the local receiver
    const { app } = testApp({ readOnly: true }, { events: { source: new FakeEventSource(), chaincodes: ['records'], subscriptions: { store, dispatcher, targets } } });
    await request(app).post('/v1/subscriptions').set(KEYS.auditor).send({ url: 'http://127.0.0.1:9000/audit' }).expect(201);
    expect(store.list('audit-office')).toHaveLength(1);
  });

  it("keeps each principal's subscriptions to itself: others get 404 and change nothing", async () => {
    const { app, store } = subscriptionsApp();
    const { id } = (await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(BODY).expect(201)).body;
    expect((await request(app).get('/v1/subscriptions').set(KEYS.registrar).expect(200)).body).toEqual({ subscriptions: [] });
    expect((await request(app).get(`/v1/subscriptions/${id}`).set(KEYS.registrar).expect(404)).body.code).toBe('NOT_FOUND');
    await request(app).delete(`/v1/subscriptions/${id}`).set(KEYS.registrar).expect(404);
    await request(app).post(`/v1/subscriptions/${id}/resume`).set(KEYS.registrar).expect(404);
    expect(store.get(id)).toBeDefined();
  });

  it('deletes a subscription and stops its delivery', async () => {
    const { app, store, watched } = subscriptionsApp();
    const { id } = (await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(BODY).expect(201)).body;
    await request(app).delete(`/v1/subscriptions/${id}`).set(KEYS.clerk).expect(204);
    expect(store.get(id)).toBeUndefined();
    expect(watched).toEqual([`sync ${id}`, `forget ${id}`]);
    await request(app).delete(`/v1/subscriptions/${id}`).set(KEYS.clerk).expect(404);
  });

  it('resumes a dead subscription', async () => {
    const { app, store, watched } = subscriptionsApp();
    const { id } = (await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(BODY).expect(201)).body;
    store.fail(id, { eventId: '42:0', attempts: 10, error: 'HTTP 500', at: new Date().toISOString() }, true);
    const dead = (await request(app).get(`/v1/subscriptions/${id}`).set(KEYS.clerk).expect(200)).body;
    expect(dead).toMatchObject({ status: 'dead', failure: { eventId: '42:0', attempts: 10, error: 'HTTP 500' } });
    const resumed = (await request(app).post(`/v1/subscriptions/${id}/resume`).set(KEYS.clerk).expect(200)).body;
    expect(resumed.status).toBe('active');
    expect(resumed.failure).toBeUndefined();
    expect(watched).toEqual([`sync ${id}`, `sync ${id}`]);
  });

  it.each([
    ['plain http to another host', { url: 'http://tax.city.local/hooks' }, '/body/url'],
    ['a URL with credentials', { url: 'https://user:pw@tax.city.local/hooks' }, '/body/url'],
    ['another scheme', { url: 'ftp://tax.city.local/hooks' }, '/body/url'],
    ['not a URL', { url: 'tax-system' }, '/body/url'],
    ['https to loopback', { url: 'https://127.0.0.1/hooks' }, '/body/url'],
    ['http to loopback (not allowed by the operator here)', { url: 'http://127.0.0.1:9000/hooks' }, '/body/url'],
    ['a private address', { url: 'https://10.0.0.5:8443/hooks' }, '/body/url'],
    ['the cloud metadata address', { url: 'https://169.254.169.254/latest/meta-data' }, '/body/url'],
    ['an IPv4-mapped loopback', { url: 'https://[::ffff:127.0.0.1]/hooks' }, '/body/url'],
    ['an unknown chaincode', { ...BODY, chaincodes: ['payroll'] }, '/body/chaincodes'],
    ['a malformed event name', { ...BODY, eventNames: ['parcel transferred'] }, '/body/eventNames'],
    ['an unknown field', { ...BODY, secret: 'mine' }, '/body'],
    ['no URL', { chaincodes: ['records'] }, '/body'],
  ])('refuses %s with 400 INVALID_ARGUMENT and creates nothing', async (_case, body, path) => {
    const { app, store, watched } = subscriptionsApp();
    const res = await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(body).expect(400);
    expect(res.body.code).toBe('INVALID_ARGUMENT');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    if (/127\.0|10\.0|169\.254|ffff/.test(String(body.url))) expect(res.body.errors[0].message).toMatch(/address .*CITY_GATEWAY_WEBHOOK_ALLOW/);
    expect(store.list('tax-system')).toHaveLength(0);
    expect(watched).toHaveLength(0);
  });

  it('answers 503 and creates nothing when no peer tells the ledger height', async () => {
    const { app, ledger, store } = subscriptionsApp();
    ledger.peers = [{ peer: 'peer0', reachable: false, error: 'UNAVAILABLE' }];
    expect((await request(app).post('/v1/subscriptions').set(KEYS.clerk).send(BODY).expect(503)).body.code).toBe('UNAVAILABLE');
    expect(store.list('tax-system')).toHaveLength(0);
  });

  it('needs credentials', async () => {
    const { app } = subscriptionsApp();
    await request(app).get('/v1/subscriptions').expect(401);
    await request(app).post('/v1/subscriptions').send(BODY).expect(401);
  });
});
