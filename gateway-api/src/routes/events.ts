/**
 * `GET /v1/events`: a server-sent-events stream of chaincode events, for every authenticated
 * principal (the Auditor included), read from the ledger as the caller's own identity.
 *
 * ```
 * id: 12:3
 * event: parcel.transferred
 * data: {"id":"12:3","chaincode":"records","eventName":"parcel.transferred","txId":"…","blockNumber":12,"payload":{…}}
 * ```
 *
 * - `id` is the checkpoint `<block>:<txIndex>` (events/ledgerEvent.ts). A client that reconnects
 *   with `Last-Event-ID` (what browsers' EventSource sends) or `?lastEventId=` gets exactly the
 *   events after it: none lost, none repeated. The header wins over the query parameter, since
 *   a browser reconnects to the same URL with a newer header.
 * - Without one, the stream starts with the next block.
 * - Filters: `chaincode` and `event`, comma-separated or repeated. An unknown parameter, an
 *   unknown chaincode or a malformed event ID is a 400 `INVALID_ARGUMENT` before anything streams.
 * - A comment line every `heartbeatMs` keeps proxies from closing an idle stream.
 * - The ledger stream is closed when the client goes away. If the ledger stream breaks, the
 *   response ends and the client reconnects with its last event ID.
 *
 * This route streams, so it is not a `defineRoute` resource; {@link EVENTS_OPENAPI} documents it.
 */
import express, { type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { principalOf } from '../auth/authenticate';
import { HttpProblem, Problems } from '../errors';
import { filterProblems, matches, type EventFilter } from '../events/eventFilter';
import type { EventSource } from '../events/eventSource';
import { eventJson, parseCheckpoint, type LedgerEvent, type StreamStart } from '../events/ledgerEvent';
import { schemaValidator } from '../validation';
import { EventsQuery } from '../schemas/events';

export interface EventsRouterDeps {
  readonly source: EventSource;
  /** Chaincodes on the channel, for filter validation. */
  readonly chaincodes: readonly string[];
  readonly authenticate: RequestHandler;
  readonly logger: Logger;
  /** Interval of heartbeat comments; 15 s by default, below the usual 30-60 s proxy timeouts. */
  readonly heartbeatMs?: number;
  /** Open streams one principal may hold; one more answers 429 `RATE_LIMITED`. */
  readonly maxStreamsPerPrincipal?: number;
}

/** Default of {@link EventsRouterDeps.maxStreamsPerPrincipal}: each open stream holds a block delivery from a peer. */
export const MAX_STREAMS_PER_PRINCIPAL = 8;

export const EVENTS_PATH = '/v1/events';

const checkQuery = schemaValidator(EventsQuery);

export function eventsRouter(deps: EventsRouterDeps): Router {
  const router = express.Router();
  const open = new Map<string, number>();
  const limit = deps.maxStreamsPerPrincipal ?? MAX_STREAMS_PER_PRINCIPAL;
  router.get(EVENTS_PATH, deps.authenticate, async (req, res) => {
    const query: Record<string, unknown> = { ...req.query };
    const problems = checkQuery(query, '/query');
    if (problems) throw Problems.invalidArgument('the query is invalid', problems);
    const filter: EventFilter = { chaincodes: names(query.chaincode), eventNames: names(query.event) };
    const filterIssues = filterProblems(filter, deps.chaincodes, { chaincodes: '/query/chaincode', eventNames: '/query/event' });
    if (filterIssues) throw Problems.invalidArgument('the filter is invalid', filterIssues);
    const start = streamStart(req.get('last-event-id') ?? (query.lastEventId as string | undefined));

    const principal = principalOf(req).id;
    const streams = open.get(principal) ?? 0;
    if (streams >= limit) {
      throw new HttpProblem('RATE_LIMITED', `${principal} already has ${streams} event streams open, the most one principal may hold; close one first`, { headers: { 'Retry-After': '5' } });
    }
    open.set(principal, streams + 1);
    res.on('close', () => {
      const left = (open.get(principal) ?? 1) - 1;
      if (left > 0) open.set(principal, left);
      else open.delete(principal);
    });
    const stream = deps.source.stream(principalOf(req).user, start);
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(': connected\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), deps.heartbeatMs ?? 15_000);
    let gone = false;
    res.on('close', () => {
      gone = true;
      clearInterval(heartbeat);
      stream.close();
    });
    try {
      for await (const event of stream) {
        if (gone) break;
        if (matches(filter, event) && !res.write(message(event))) await drained(res);
      }
    } catch (err) {
      (req.log ?? deps.logger).warn({ err: (err as Error).message }, 'event stream broke; the client will reconnect');
    } finally {
      clearInterval(heartbeat);
      stream.close();
      if (!gone) res.end(': the ledger stream ended; reconnect with Last-Event-ID\n\n');
    }
  });
  return router;
}

function streamStart(lastEventId: string | undefined): StreamStart {
  if (lastEventId === undefined || lastEventId.trim() === '') return 'now';
  const after = parseCheckpoint(lastEventId);
  if (!after) throw Problems.invalidArgument(`the last event ID ${JSON.stringify(lastEventId.slice(0, 64))} is not an event ID <block>:<txIndex>`, [{ path: '/query/lastEventId', message: 'must be <block>:<txIndex>' }]);
  return { after };
}

/** `a,b` and `?x=a&x=b` alike. */
function names(value: unknown): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** One SSE message; the JSON has no newline, and an event name cannot carry one either. */
function message(event: LedgerEvent): string {
  const json = eventJson(event);
  return `id: ${json.id}\nevent: ${event.eventName.replace(/[\r\n]/g, ' ')}\ndata: ${JSON.stringify(json)}\n\n`;
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The OpenAPI operation of the stream, added to the document next to the declared routes. */
export const EVENTS_OPENAPI = {
  get: {
    operationId: 'streamEvents',
    summary: 'Server-sent events: chaincode events of every chaincode, resumable',
    description:
      'text/event-stream. Each message: id <block>:<txIndex>, event <event name>, data {id, chaincode, eventName, txId, blockNumber, payload}. ' +
      'Resume with the Last-Event-ID header or ?lastEventId=. Roles: any authenticated caller.',
    tags: ['events'],
    parameters: [
      { name: 'chaincode', in: 'query', required: false, schema: { type: 'string' }, description: 'records, identity, logistics, devices; comma-separated' },
      { name: 'event', in: 'query', required: false, schema: { type: 'string' }, description: 'event names; comma-separated' },
      { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+:\\d+$' } },
      { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+:\\d+$' } },
    ],
    responses: {
      '200': { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      '400': { description: 'Unknown parameter or chaincode, malformed event ID', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      '401': { description: 'No or bad credentials', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
  },
};
