/**
 * Structured logs (pino) and the HTTP request log (pino-http), each line carrying the request
 * ID. The request ID comes from the client's `X-Request-Id` when it is a sane token, else a
 * fresh UUID, and is echoed back in `X-Request-Id`. Credentials are redacted.
 *
 * @example
 * ```ts
 * const logger = createLogger('info');
 * app.use(requestLogger(logger));
 * req.log.info({ txId }, 'submitted');   // → {"reqId":"…","principal":"tax-system","txId":"…",…}
 * ```
 */
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** pino's levels, which `CITY_GATEWAY_LOG_LEVEL` may name. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'gateway-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Compact lines: no header dumps (credentials stay out of the logs by construction too).
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    quietReqLogger: true,
  });
}
