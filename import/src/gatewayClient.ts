/**
 * The importer's only way to the ledger: a department's HTTPS gateway, as any city system calls
 * it (TLS checked against the org's TLS CA, an API key), never the peers. One keep-alive agent
 * carries every batch.
 *
 * @example
 * ```ts
 * const client = new GatewayClient({ url: 'https://localhost:7443', ca, apiKey });
 * const answer = await client.post('/v1/parcels/batch', records, 'import-3f2a...');   // { status: 200, body: {...}, retryAfterMs? }
 * ```
 */
import { Agent, request } from 'node:https';

export interface GatewayTarget {
  readonly url: string;
  /** PEM of the TLS root the gateway's certificate chains to. */
  readonly ca: Buffer;
  readonly apiKey: string;
}

/** An HTTP answer: the status, the parsed JSON body (undefined when not JSON), and Retry-After. */
export interface GatewayAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterMs?: number;
}

/** What a batch send needs from a gateway; the importer's tests give a fake. */
export interface BatchSender {
  post(path: string, body: unknown, idempotencyKey: string): Promise<GatewayAnswer>;
  close(): void;
}

/** Longest wait for one answer: a batch waits for its commit. */
const ANSWER_TIMEOUT_MS = 120_000;

export class GatewayClient implements BatchSender {
  private readonly agent: Agent;
  private readonly origin: URL;

  constructor(private readonly target: GatewayTarget) {
    this.origin = new URL(target.url);
    this.agent = new Agent({ keepAlive: true, ca: target.ca });
  }

  post(path: string, body: unknown, idempotencyKey: string): Promise<GatewayAnswer> {
    return this.call('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey });
  }

  /** A read, for the benchmarks that measure what imported records cost to read. */
  get(path: string): Promise<GatewayAnswer> {
    return this.call('GET', path);
  }

  private call(method: string, path: string, payload?: string, headers: Record<string, string> = {}): Promise<GatewayAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          timeout: ANSWER_TIMEOUT_MS,
          headers: { ...headers, 'X-Api-Key': this.target.apiKey, ...(payload !== undefined ? { 'Content-Length': String(Buffer.byteLength(payload)) } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            const retryAfter = Number(res.headers['retry-after']);
            resolve({ status: res.statusCode ?? 0, body: parsed, ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
