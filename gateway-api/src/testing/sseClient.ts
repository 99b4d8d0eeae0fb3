/**
 * The one server-sent-events reader of the tests: opens a `text/event-stream` over HTTP or HTTPS,
 * parses messages as they arrive, and lets a test wait for the n-th one or for one that matches.
 * It serves the in-process route tests (plain HTTP to `app.listen(0)`) and the integration tests
 * against the real gateways (HTTPS, TLS checked against the org's TLS CA) alike.
 *
 * @example
 * ```ts
 * const sse = await openSse(`http://127.0.0.1:${port}/v1/events`, { 'X-Api-Key': 'clerk-key' });
 * const [first] = await sse.next(1);
 * sse.close();
 *
 * // A real gateway: trust its org's TLS CA; its certificate names localhost.
 * const live = await openSse(`https://127.0.0.1:${gatewayPort}/v1/events`, headers, { ca, servername: 'localhost' });
 * const mine = await live.waitFor((m) => JSON.parse(m.data).txId === txId);
 * ```
 */
import http from 'node:http';
import https from 'node:https';

/** One event as sent: `id:` and `event:` when present, the `data:` lines joined by newlines. */
export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  /** Every message so far, in order. */
  readonly messages: SseMessage[];
  /** Comment lines so far (heartbeats), without the colon. */
  readonly comments: string[];
  /** Waits until `count` messages arrived in all (rejects after `timeoutMs`). */
  next(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves with the first message (already received or still to come) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** TLS settings of an `https:` stream: the CA to trust and the name its certificate carries. */
export type SseTlsOptions = Pick<https.RequestOptions, 'ca' | 'servername'>;

/** How long the server may take to answer with its status and headers. */
const ANSWER_TIMEOUT_MS = 15_000;

/** Opens the stream and resolves once the server has answered its status and headers. */
export function openSse(url: string, headers: Readonly<Record<string, string>> = {}, tls: SseTlsOptions = {}): Promise<SseConnection> {
  const get = new URL(url).protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(url, { ...tls, headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      req.setTimeout(0);
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      const parse = sseParser(
        (message) => messages.push(message),
        (comment) => comments.push(comment),
      );
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        parse(chunk);
        for (const wake of [...waiters]) wake();
      });

      /** Resolves with what `found` answers once it answers something; rejects after `timeoutMs`. */
      const waitUntil = <T>(found: () => T | undefined, timeoutMs: number, failure: () => string) =>
        new Promise<T>((done, fail) => {
          const check = () => {
            const value = found();
            if (value === undefined) return;
            clearTimeout(timer);
            waiters.delete(check);
            done(value);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(failure()));
          }, timeoutMs);
          waiters.add(check);
          check();
        });

      resolve({
        status: res.statusCode ?? 0,
        messages,
        comments,
        ended: new Promise<void>((done) => res.on('close', done)),
        close: () => req.destroy(),
        next: (count, timeoutMs = 5_000) =>
          waitUntil(
            () => (messages.length >= count ? messages.slice(0, count) : undefined),
            timeoutMs,
            () => `expected ${count} SSE messages, got ${messages.length}`,
          ),
        waitFor: (match, timeoutMs = 30_000) =>
          waitUntil(
            () => messages.find(match),
            timeoutMs,
            () => `no matching SSE message within ${timeoutMs} ms (${messages.length} received)`,
          ),
      });
    });
    req.on('error', reject);
    req.setTimeout(ANSWER_TIMEOUT_MS, () => req.destroy(new Error(`${url}: no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
  });
}

/**
 * A `text/event-stream` parser: feed it chunks as they come; it emits each complete message
 * (its `data:` lines joined by newlines; a block without data is no message) and each comment.
 */
function sseParser(onMessage: (message: SseMessage) => void, onComment: (comment: string) => void): (chunk: string) => void {
  let buffer = '';
  let fields: { id?: string; event?: string; data: string[] } = { data: [] };
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (fields.data.length > 0) onMessage({ id: fields.id, event: fields.event, data: fields.data.join('\n') });
        fields = { data: [] };
      } else if (line.startsWith(':')) {
        onComment(line.slice(1).trim());
      } else {
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'data') fields.data.push(value);
        else if (name === 'id' || name === 'event') fields[name] = value;
      }
    }
  };
}
