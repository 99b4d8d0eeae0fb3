/**
 * A minimal server-sent-events reader for tests: connects to a running server, parses messages
 * as they arrive, and lets a test wait for the n-th one.
 *
 * @example
 * ```ts
 * const sse = await openSse(`http://127.0.0.1:${port}/v1/events`, { 'X-Api-Key': 'clerk-key' });
 * const [first] = await sse.next(1);
 * sse.close();
 * ```
 */
import http from 'node:http';

export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  /** Every message so far. */
  readonly messages: SseMessage[];
  /** Comment lines so far (heartbeats). */
  readonly comments: string[];
  /** Waits until `count` messages arrived in all (rejects after `timeoutMs`). */
  next(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Readonly<Record<string, string>> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
          }
          if (fields.data !== undefined) messages.push({ id: fields.id, event: fields.event, data: fields.data });
        }
        for (const wake of [...waiters]) wake();
      });
      const ended = new Promise<void>((done) => res.on('close', done));
      resolve({
        status: res.statusCode ?? 0,
        messages,
        comments,
        ended,
        close: () => req.destroy(),
        next: (count, timeoutMs = 5_000) =>
          new Promise((done, fail) => {
            const check = () => {
              if (messages.length < count) return;
              clearTimeout(timer);
              waiters.delete(check);
              done(messages.slice(0, count));
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`expected ${count} SSE messages, got ${messages.length}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
      });
    });
    req.on('error', reject);
  });
}
