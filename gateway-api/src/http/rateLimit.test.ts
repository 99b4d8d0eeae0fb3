import request from 'supertest';
import { KEYS, testApp } from '../testing';
import { RateLimiter } from './rateLimit';

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('RateLimiter', () => {
  it('allows a minute\'s budget at once, then refills at the steady rate', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, clock.now);
    expect([1, 2, 3].map(() => limiter.admit('p').allowed)).toEqual([true, true, true]);
    expect(limiter.admit('p')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    clock.advance(19_000);
    expect(limiter.admit('p')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect(limiter.admit('p').allowed).toBe(true);
    expect(limiter.admit('p').allowed).toBe(false);
  });

  it('never holds more than a minute\'s budget, however long a principal was idle', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, clock.now);
    limiter.admit('p');
    clock.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.admit('p').allowed)).toEqual([true, true, false]);
  });

  it('keeps one budget per key', () => {
    const limiter = new RateLimiter(1, manualClock().now);
    expect(limiter.admit('a').allowed).toBe(true);
    expect(limiter.admit('a').allowed).toBe(false);
    expect(limiter.admit('b').allowed).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a budget of %s', (perMinute) => {
    expect(() => new RateLimiter(perMinute)).toThrow(RangeError);
  });
});

describe('rate limit over HTTP', () => {
  function limitedApp(perMinute: number) {
    const clock = manualClock();
    const rateLimiter = new RateLimiter(perMinute, clock.now);
    const fixture = testApp({}, { rateLimiter });
    fixture.ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
    return { ...fixture, clock };
  }

  it('answers 429 RATE_LIMITED with Retry-After once the principal\'s budget is spent, and calls nothing', async () => {
    const { app, ledger, clock } = limitedApp(2);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    const res = await request(app).get('/v1/parcels/P-1').set(KEYS.clerk);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(res.headers['retry-after']).toBe('30');
    expect(ledger.calls).toHaveLength(2);

    clock.advance(30_000);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
  });

  it('limits writes before they reach the ledger', async () => {
    const { app, ledger } = limitedApp(1);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    const res = await request(app).post('/v1/parcels').set(KEYS.clerk).send({});
    expect(res.status).toBe(429);
    expect(ledger.submits()).toHaveLength(0);
  });

  it('does not let requests without valid credentials spend a principal\'s budget', async () => {
    const { app } = limitedApp(1);
    for (let i = 0; i < 5; i += 1) {
      await request(app).get('/v1/parcels/P-1').expect(401);
      await request(app).get('/v1/parcels/P-1').set('X-Api-Key', 'guess').expect(401);
    }
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
  });

  it('gives each principal its own budget', async () => {
    const { app } = limitedApp(1);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(429);
    await request(app).get('/v1/parcels/P-1').set(KEYS.auditor).expect(200);
  });

  it('cuts off a flood without credentials per client address, before authentication', async () => {
    const { app, ledger } = testApp({}, { addressLimiter: new RateLimiter(3, manualClock().now) });
    for (let i = 0; i < 3; i += 1) await request(app).get('/v1/parcels/P-1').set({ 'X-Api-Key': 'wrong' }).expect(401);
    const res = await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(429);
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.headers['retry-after']).toBe('20');
    expect(ledger.calls).toEqual([]);
  });

  it('prunes refilled address buckets once there are many, so addresses cannot grow the map without bound', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(60, clock.now);
    for (let i = 0; i < 10_000; i += 1) limiter.admit(`10.0.${i >> 8}.${i & 255}`);
    clock.advance(60_000);
    limiter.admit('192.0.2.1');
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });

  it('leaves the open operations routes out', async () => {
    const { app } = limitedApp(1);
    for (let i = 0; i < 3; i += 1) await request(app).get('/healthz').expect(200);
  });
});
