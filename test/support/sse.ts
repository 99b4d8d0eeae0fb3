/**
 * Reads an org gateway's `GET /v1/events` stream over HTTPS, as a city system would: TLS checked
 * against the org's TLS CA, the user's API key. (gateway-api's `openSse` test reader speaks plain
 * HTTP to an in-process app; the real gateways serve TLS only.)
 *
 * @example
 * const stream = await openEvents('registry', 'clerk1', '/v1/events?chaincode=records');
 * const event = await stream.waitFor((e) => e.data.txId === txId);
 * stream.close();
 */
import { readFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
import { apiKey } from './http';
import { layout, org } from './network';

/** One server-sent event of the gateway: its checkpoint ID, name and parsed JSON data. */
export interface StreamedEvent {
  readonly id: string;
  readonly event: string;
  /** The parsed `data:` lines. */
  readonly data: { id: string; chaincode: string; eventName: string; txId: string; blockNumber: number; payload: unknown };
  /** The raw `data:` text, to search for what must never be there. */
  readonly raw: string;
}

export interface EventStream {
  readonly status: number;
  /** Every event received so far, in order. */
  readonly events: readonly StreamedEvent[];
  /** Resolves with the first event (already received or still to come) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (event: StreamedEvent) => boolean, timeoutMs?: number): Promise<StreamedEvent>;
  close(): void;
}

/** Opens the stream and resolves once the gateway has answered its status and headers. */
export function openEvents(orgKey: string, user: string, urlPath: string, lastEventId?: string): Promise<EventStream> {
  const o = org(orgKey);
  const headers: Record<string, string> = { Accept: 'text/event-stream', 'X-Api-Key': apiKey(orgKey, user) };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(
      { host: '127.0.0.1', port: o.gatewayPort, path: urlPath, ca: readFileSync(layout().tlsCaFile(o)), servername: 'localhost', headers },
      (res) => {
        const events: StreamedEvent[] = [];
        const listeners = new Set<() => void>();
        const parser = sseParser((event) => {
          events.push(event);
          for (const listener of [...listeners]) listener();
        });
        res.setEncoding('utf8');
        res.on('data', parser);
        resolve({
          status: res.statusCode ?? 0,
          events,
          close: () => req.destroy(),
          waitFor: (match, timeoutMs = 30_000) =>
            new Promise((found, fail) => {
              const check = () => {
                const event = events.find(match);
                if (!event) return;
                clearTimeout(timer);
                listeners.delete(check);
                found(event);
              };
              const timer = setTimeout(() => {
                listeners.delete(check);
                fail(new Error(`no matching event within ${timeoutMs} ms (${events.length} received)`));
              }, timeoutMs);
              listeners.add(check);
              check();
            }),
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${urlPath}: no answer within 15 s`)));
    req.on('response', () => req.setTimeout(0));
    req.end();
  });
}

/** A text/event-stream parser: feed it chunks; it calls `emit` per complete event (comments skipped). */
function sseParser(emit: (event: StreamedEvent) => void): (chunk: string) => void {
  let buffer = '';
  let fields: { id?: string; event?: string; data: string[] } = { data: [] };
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (fields.data.length > 0) {
          const raw = fields.data.join('\n');
          emit({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(raw) as StreamedEvent['data'], raw });
        }
        fields = { data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'data') fields.data.push(value);
        else if (name === 'id' || name === 'event') fields[name] = value;
      }
    }
  };
}
