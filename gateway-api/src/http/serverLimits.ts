/**
 * Limits of the HTTP(S) server itself, against slow and oversized clients, and the answer to a
 * request Node's parser refuses before Express sees it (malformed request line, headers over
 * the limit, a request that took too long): a coded `application/problem+json` like every
 * other refusal, instead of Node's bare text.
 *
 * @example
 * ```ts
 * const server = hardenServer(https.createServer({ ...tls, ...serverOptions(config.server) }, app));
 * ```
 */
import type { Server as HttpServer, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { problem, type ProblemCode } from '../errors';

export interface ServerLimits {
  /** Time for a client to send every header (ms); Node answers 408 past it. */
  readonly headersTimeoutMs: number;
  /** Time for a client to send the whole request, body included (ms). */
  readonly requestTimeoutMs: number;
  /** Largest request line and headers together (bytes); past it, 431. */
  readonly maxHeaderBytes: number;
  /** An idle keep-alive connection is closed after this (ms). */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxHeaderBytes: 16 * 1024, keepAliveTimeoutMs: 5_000 };

/** The options for `http(s).createServer` that enforce `limits`. */
export function serverOptions(limits: ServerLimits = DEFAULT_SERVER_LIMITS): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxHeaderSize: limits.maxHeaderBytes,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/** Node's parser errors (llhttp codes) that have an answer of their own; any other is 400. */
const CLIENT_ERRORS: Readonly<Record<string, ProblemCode>> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

const CLIENT_DETAILS: Readonly<Record<string, string>> = {
  HEADERS_TOO_LARGE: 'the request line and headers are larger than this gateway accepts',
  REQUEST_TIMEOUT: 'the request was not received in time',
  BAD_REQUEST: 'the request is not valid HTTP',
};

/** Answers requests Node's parser refuses with a problem body, then closes the connection. */
export function hardenServer<S extends HttpServer>(server: S): S {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) {
      socket.destroy();
      return;
    }
    const code = CLIENT_ERRORS[err.code ?? ''] ?? 'BAD_REQUEST';
    const body = JSON.stringify(problem(code, CLIENT_DETAILS[code]));
    socket.end(
      `HTTP/1.1 ${problem(code).status} ${problem(code).title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
