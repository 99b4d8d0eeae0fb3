/**
 * The gateway's Prometheus metrics, in a registry of its own (so each app, and each test, has
 * its own counts):
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `gateway_http_request_duration_seconds` | histogram | `method`, `route` (the Express route pattern, `/v1/parcels/:id`, or `unmatched`), `status` |
 * | `gateway_errors_total` | counter | `code`: the problem code answered (errors.ts) |
 * | `gateway_fabric_call_duration_seconds` | histogram | `kind` (`evaluate`, `endorse`, `submit`, `commit_status`), `outcome` (`ok`, `error`) |
 * | `gateway_fabric_retries_total` | counter | `reason`: why the submit pipeline tried again |
 * | `city_certificate_expiry_seconds` | gauge | `org`: seconds to the soonest expiry of the certificates the gateway holds (certificateExpiry.ts, wired by main.ts) |
 * | `process_*`, `nodejs_*` | prom-client's default process metrics | |
 *
 * Labels never carry raw URLs, IDs or principals, so their number stays bounded.
 *
 * @example
 * ```ts
 * const metrics = new GatewayMetrics();
 * createApp({ ..., metrics });          // times requests and (through InstrumentedLedgerClient) Fabric calls
 * metricsApp(metrics).listen(18080);    // GET /metrics, on a port of its own
 * metrics.recordRetry('mvcc_conflict'); // from the submit pipeline, once per retry
 * ```
 */
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { PROBLEM_CODE_LOCAL } from '../errors';

export type FabricCallKind = 'evaluate' | 'endorse' | 'submit' | 'commit_status';

/**
 * What the submit pipeline needs to count its retries, and nothing more (so it does not depend
 * on prom-client). Reasons are a few fixed words: `mvcc_conflict`, `phantom_read_conflict`,
 * `peer_unavailable`; never an ID or a message (each distinct value is a new time series).
 */
export interface RetryCounter {
  recordRetry(reason: string): void;
}

/** A {@link RetryCounter} that counts nothing, for when metrics are off and in tests. */
export const NO_RETRY_COUNTER: RetryCounter = { recordRetry: () => undefined };

/**
 * Seconds, for HTTP and ledger calls alike: a query takes milliseconds, a submit at least a
 * block-cutting interval (about 2 s), and the commit-status deadline is 60 s.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60];

export class GatewayMetrics implements RetryCounter {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly errors: Counter<'code'>;
  private readonly fabricDuration: Histogram<'kind' | 'outcome'>;
  private readonly retries: Counter<'reason'>;

  constructor() {
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({ name: 'gateway_errors_total', help: 'Error answers by problem code', labelNames: ['code'], registers });
    this.fabricDuration = new Histogram({
      name: 'gateway_fabric_call_duration_seconds',
      help: 'Latency of ledger calls by kind: evaluate, endorse, submit (to the orderer), commit_status (waiting for the block)',
      labelNames: ['kind', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.retries = new Counter({
      name: 'gateway_fabric_retries_total',
      help: 'Transactions submitted again, by reason (e.g. mvcc_conflict, peer_unavailable)',
      labelNames: ['reason'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one retry of a transaction; `reason` is one of a few fixed words (see {@link RetryCounter}). */
  recordRetry(reason: string): void {
    this.retries.inc({ reason });
  }

  /** Runs one ledger call and records its latency under `kind`, whether it succeeds or throws. */
  async timeFabricCall<T>(kind: FabricCallKind, call: () => Promise<T>): Promise<T> {
    const stop = this.fabricDuration.startTimer({ kind });
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (err) {
      stop({ outcome: 'error' });
      throw err;
    }
  }

  /** Middleware, first in the app: times each request and counts problem answers by code. */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.httpDuration.startTimer();
      res.once('finish', () => {
        stop({ method: req.method, route: routePattern(req), status: String(res.statusCode) });
        const code: unknown = res.locals[PROBLEM_CODE_LOCAL];
        if (typeof code === 'string') this.errors.inc({ code });
      });
      next();
    };
  }

  /** The text exposition format, for `GET /metrics`. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The matched route's pattern; requests no route matched share one label. */
function routePattern(req: Request): string {
  const route: unknown = req.route;
  const pattern = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}
