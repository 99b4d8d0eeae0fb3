/**
 * Schemas of the event stream (`GET /v1/events`) and of webhook subscriptions. Which chaincodes
 * exist is checked against the channel's list (chaincode/chaincodes.yaml) at run time.
 */
import { Type } from '@sinclair/typebox';
import { MAX_FILTER_NAMES } from '../events/eventFilter';
import { MAX_URL_LENGTH } from '../events/webhookUrl';

const NameList = (description: string) => Type.Union([Type.String({ maxLength: 4096 }), Type.Array(Type.String({ maxLength: 4096 }), { maxItems: MAX_FILTER_NAMES })], { description });

/** Query parameters of `GET /v1/events`; anything else is refused. */
export const EventsQuery = Type.Object(
  {
    chaincode: Type.Optional(NameList('Only these chaincodes: comma-separated or repeated (records, identity, logistics, devices)')),
    event: Type.Optional(NameList('Only these event names: comma-separated or repeated (parcel.transferred, WasteCollected)')),
    lastEventId: Type.Optional(Type.String({ maxLength: 64, description: 'Resume after this event ID, for clients that cannot send the Last-Event-ID header' })),
  },
  { additionalProperties: false },
);

const Names = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: MAX_FILTER_NAMES, uniqueItems: true, description });

/** The body of `POST /v1/subscriptions`. */
export const SubscriptionInput = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH, description: 'https URL (http only to 127.0.0.1, [::1] or localhost)' }),
    chaincodes: Type.Optional(Names('Only events of these chaincodes (default: all)')),
    eventNames: Type.Optional(Names('Only events with these names (default: all)')),
  },
  { additionalProperties: false },
);

/** A subscription as its owner sees it (never with its secret). */
export const SubscriptionView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  chaincodes: Type.Array(Type.String()),
  eventNames: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('dead')], { description: 'dead: an event failed every attempt; POST …/resume to retry it' }),
  checkpoint: Type.String({ description: 'Delivery resumes after this position, <block>:<txIndex> (-1: before the block)' }),
  failure: Type.Optional(
    Type.Object({ eventId: Type.String(), attempts: Type.Integer(), error: Type.String(), at: Type.String({ format: 'date-time' }) }, { description: 'The latest failed delivery' }),
  ),
});

/** The answer of `POST /v1/subscriptions`: the only time the secret is shown. */
export const CreatedSubscription = Type.Intersect([
  SubscriptionView,
  Type.Object({ secret: Type.String({ description: 'HMAC-SHA256 key of X-City-Ledger-Signature; shown once' }) }),
]);

export const SubscriptionList = Type.Object({ subscriptions: Type.Array(SubscriptionView) });

/** The answer of a DELETE: nothing. */
export const NoContent = Type.Null();
