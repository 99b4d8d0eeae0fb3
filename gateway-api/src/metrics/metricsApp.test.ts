import pino from 'pino';
import request from 'supertest';
import { testApp } from '../testing';
import { GatewayMetrics } from './metrics';
import { metricsApp } from './metricsApp';

describe('metricsApp', () => {
  it('serves GET /metrics in the Prometheus text format, counting the API app\'s requests', async () => {
    const metrics = new GatewayMetrics();
    const { app } = testApp({}, { metrics });
    await request(app).get('/healthz').expect(200);
    const res = await request(metricsApp(metrics, pino({ level: 'silent' }))).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^gateway_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1$/m);
  });

  it('serves nothing else, and the API app does not serve /metrics', async () => {
    const metrics = new GatewayMetrics();
    const res = await request(metricsApp(metrics, pino({ level: 'silent' }))).get('/v1/parcels/P-1');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const { app } = testApp({}, { metrics });
    expect((await request(app).get('/metrics')).status).toBe(404);
  });
});
