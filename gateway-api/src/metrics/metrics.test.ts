import request from 'supertest';
import { KEYS, testApp } from '../testing';
import { GatewayMetrics, NO_RETRY_COUNTER, type RetryCounter } from './metrics';

interface Sample {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName?: string;
}

/** The samples of one metric (for a histogram, its `_count` series). */
async function samples(metrics: GatewayMetrics, name: string): Promise<Sample[]> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return (values as Sample[]).filter((s) => s.metricName === undefined || s.metricName === `${name}_count`);
}

function labelled(all: Sample[], labels: Record<string, string>): number | undefined {
  return all.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GatewayMetrics', () => {
  it('times requests by route pattern and status, never by raw URL', async () => {
    const metrics = new GatewayMetrics();
    const { app, ledger } = testApp({}, { metrics });
    ledger.onEvaluate('getParcel', () => ({ id: 'P' }));
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/parcels/P-2').set(KEYS.clerk).expect(200);
    await request(app).get('/v1/parcels/P-3').expect(401);
    await request(app).get('/no/such/route').expect(404);

    const http = await samples(metrics, 'gateway_http_request_duration_seconds');
    expect(labelled(http, { method: 'GET', route: '/v1/parcels/:id', status: '200' })).toBe(2);
    expect(labelled(http, { method: 'GET', route: '/v1/parcels/:id', status: '401' })).toBe(1);
    expect(labelled(http, { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(http.some((s) => String(s.labels.route).includes('P-1'))).toBe(false);
  });

  it('counts error answers by problem code, including /readyz', async () => {
    const metrics = new GatewayMetrics();
    const { app, ledger } = testApp({}, { metrics });
    ledger.peers = [{ peer: 'peer0', reachable: false, error: 'down' }];
    await request(app).get('/v1/parcels/P-1').expect(401);
    await request(app).get('/v1/parcels/P-1').set('X-Api-Key', 'guess').expect(401);
    await request(app).post('/v1/parcels').set(KEYS.clerk).set('Content-Type', 'application/json').send('{').expect(400);
    await request(app).get('/readyz').expect(503);

    const errors = await samples(metrics, 'gateway_errors_total');
    expect(labelled(errors, { code: 'UNAUTHENTICATED' })).toBe(2);
    expect(labelled(errors, { code: 'MALFORMED_JSON' })).toBe(1);
    expect(labelled(errors, { code: 'UNAVAILABLE' })).toBe(1);
    expect(labelled(errors, { code: 'INTERNAL' })).toBeUndefined();
  });

  it('times ledger calls by kind and outcome through the app\'s ledger', async () => {
    const metrics = new GatewayMetrics();
    const { app, ledger } = testApp({}, { metrics });
    ledger.onEvaluate('getParcel', () => ({ id: 'P' })).onSubmit('registerParcel', () => ({ id: 'P-1' }));
    await request(app).get('/v1/parcels/P-1').set(KEYS.clerk).expect(200);
    const parcel = { id: 'P-1', ownerId: 'C-1', location: 'Lot 4', areaM2: 500, landUse: 'RESIDENTIAL', owner: { name: 'Ada', address: '1 Way' } };
    await request(app).post('/v1/parcels').set(KEYS.clerk).send(parcel).expect(201);

    const fabric = await samples(metrics, 'gateway_fabric_call_duration_seconds');
    expect(labelled(fabric, { kind: 'evaluate', outcome: 'ok' })).toBe(1);
    expect(labelled(fabric, { kind: 'submit', outcome: 'ok' })).toBe(1);
  });

  it('counts retries by reason for the submit pipeline', async () => {
    const metrics = new GatewayMetrics();
    metrics.recordRetry('mvcc_conflict');
    metrics.recordRetry('mvcc_conflict');
    metrics.recordRetry('peer_unavailable');
    const retries = await samples(metrics, 'gateway_fabric_retries_total');
    expect(labelled(retries, { reason: 'mvcc_conflict' })).toBe(2);
    expect(labelled(retries, { reason: 'peer_unavailable' })).toBe(1);
  });

  it('serves the submit pipeline as a RetryCounter, with a no-op stand-in when metrics are off', async () => {
    const metrics = new GatewayMetrics();
    const counters: RetryCounter[] = [metrics, NO_RETRY_COUNTER];
    for (const counter of counters) counter.recordRetry('phantom_read_conflict');
    expect(labelled(await samples(metrics, 'gateway_fabric_retries_total'), { reason: 'phantom_read_conflict' })).toBe(1);
  });

  it('keeps each instance\'s counts apart', async () => {
    const a = new GatewayMetrics();
    const b = new GatewayMetrics();
    a.recordRetry('mvcc_conflict');
    expect(await samples(b, 'gateway_fabric_retries_total')).toEqual([]);
  });

  it('writes the Prometheus text format, with the process metrics', async () => {
    const metrics = new GatewayMetrics();
    metrics.recordRetry('mvcc_conflict');
    const { contentType, body } = await metrics.exposition();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('# TYPE gateway_fabric_retries_total counter');
    expect(body).toContain('gateway_fabric_retries_total{reason="mvcc_conflict"} 1');
    expect(body).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
