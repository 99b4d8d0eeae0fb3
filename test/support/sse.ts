/**
 * Reads an org gateway's `GET /v1/events` stream over HTTPS, as a city system would: TLS checked
 * against the org's TLS CA, the user's API key. gateway-api's `openSse` reads the stream; this
 * adds the org's address and key, and parses each event's JSON data.
 *
 * @example
 * const stream = await openEvents('registry', 'clerk1', '/v1/events?chaincode=records');
 * const event = await stream.waitFor((e) => e.data.txId === txId);
 * stream.close();
 */
import { openSse, type SseMessage } from '@city-ledger/gateway-api/testing';
import { apiKey, gatewayOrigin } from './http';

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
export async function openEvents(orgKey: string, user: string, urlPath: string, lastEventId?: string): Promise<EventStream> {
  const { host, port, ca, servername } = gatewayOrigin(orgKey);
  const headers: Record<string, string> = { 'X-Api-Key': apiKey(orgKey, user) };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const sse = await openSse(`https://${host}:${port}${urlPath}`, headers, { ca, servername });
  // Parsed once per message, so that an event is the same object however often it is read.
  const parsed = new WeakMap<SseMessage, StreamedEvent>();
  const streamed = (message: SseMessage): StreamedEvent => {
    let event = parsed.get(message);
    if (!event) {
      const data = JSON.parse(message.data) as StreamedEvent['data'];
      event = { id: message.id ?? '', event: message.event ?? 'message', data, raw: message.data };
      parsed.set(message, event);
    }
    return event;
  };
  return {
    status: sse.status,
    get events() {
      return sse.messages.map(streamed);
    },
    waitFor: async (match, timeoutMs) => streamed(await sse.waitFor((message) => match(streamed(message)), timeoutMs)),
    close: () => sse.close(),
  };
}
