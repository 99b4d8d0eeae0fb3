/**
 * The `/metrics` listener: a small app of its own, on its own port (`CITY_GATEWAY_METRICS_HOST`,
 * `CITY_GATEWAY_METRICS_PORT`, by default 127.0.0.1 and the gateway port + 10000), the way a
 * Fabric peer serves metrics on its operations port rather than on its service port.
 *
 * Why not `/metrics` on the API port: the API port is where city systems (and whatever proxy
 * fronts them) come in; a loopback-only check there would let in every request a proxy on the
 * same host forwards. A separate port is reachable only where the operator opens it to the
 * Prometheus server. Its data (request counts, latencies, error codes) names no principal and
 * no record, but shows traffic patterns, so it is not published with the API.
 *
 * @example
 * ```ts
 * metricsApp(metrics).listen(config.metrics.port, config.metrics.host);
 * ```
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import { notFoundHandler, problemHandler } from '../errors';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics';

/** Where the Prometheus `/metrics` listener listens (a port of its own, like a peer's operations port). */
export interface MetricsListen {
  readonly host: string;
  readonly port: number;
}

export function metricsApp(metrics: GatewayMetrics, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.type(contentType).send(body);
  });
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
