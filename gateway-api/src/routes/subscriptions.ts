/**
 * Webhook subscriptions (`/v1/subscriptions`): durable deliveries of chaincode events to a city
 * system's URL (events/webhookDispatcher.ts delivers them). A subscription belongs to the
 * principal that created it: another principal can neither see, resume nor delete it (it gets
 * 404, as for a subscription that does not exist).
 *
 * | route | what | answer |
 * |---|---|---|
 * | `POST /v1/subscriptions` | create: `{ url, chaincodes?, eventNames? }` | 201 + `Location`, with the `secret` (the only time) |
 * | `GET /v1/subscriptions` | the caller's subscriptions | 200 `{ subscriptions }` |
 * | `GET /v1/subscriptions/:id` | one, with its status, checkpoint and latest failure | 200 |
 * | `POST /v1/subscriptions/:id/resume` | a `dead` subscription retries its failed event | 200 |
 * | `DELETE /v1/subscriptions/:id` | stop and forget it | 204 |
 *
 * Delivery starts with the next block after creation. These routes change gateway state, not
 * the ledger, so a read-only (regulator) gateway serves them too: the Auditor may subscribe.
 */
import { HttpProblem, Problems } from '../errors';
import { filterProblems } from '../events/eventFilter';
import { formatCheckpoint, type Checkpoint } from '../events/ledgerEvent';
import type { Subscription, SubscriptionStore } from '../events/subscriptionStore';
import type { SubscriptionWatcher } from '../events/webhookDispatcher';
import { WebhookTargets } from '../events/webhookTargets';
import type { LedgerClient } from '../fabric/ledgerClient';
import { ANY_ROLE, defineRoute, type Resource } from '../http/route';
import { IdParams } from '../schemas/common';
import { CreatedSubscription, NoContent, SubscriptionInput, SubscriptionList, SubscriptionView } from '../schemas/events';

export interface SubscriptionsDeps {
  readonly store: SubscriptionStore;
  readonly watcher: SubscriptionWatcher;
  /** Chaincodes on the channel, for filter validation. */
  readonly chaincodes: readonly string[];
  /** Which webhook addresses are allowed; defaults to none that is loopback, private or link-local. */
  readonly targets?: WebhookTargets;
}

const TAGS = ['events'];

export function subscriptionsResource({ store, watcher, chaincodes, targets = new WebhookTargets() }: SubscriptionsDeps): Resource {
  const owned = (owner: string, id: string): Subscription => {
    const subscription = store.getOwned(owner, id);
    if (!subscription) throw Problems.notFound(`subscription ${id} does not exist`);
    return subscription;
  };
  return {
    name: 'events',
    description: 'Chaincode events: the server-sent-events stream (GET /v1/events) and signed webhook subscriptions',
    routes: [
      defineRoute({
        method: 'post',
        path: '/v1/subscriptions',
        operationId: 'createSubscription',
        summary: 'Subscribe a URL to chaincode events',
        description: 'Deliveries are POSTs signed with X-City-Ledger-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">, at least once and in order.',
        tags: TAGS,
        body: SubscriptionInput,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 201, description: 'The subscription, with its secret (shown once)', schema: CreatedSubscription },
        handler: async ({ body, principal, ledger }) => {
          const filter = { chaincodes: body.chaincodes ?? [], eventNames: body.eventNames ?? [] };
          const urlProblem = targets.urlProblem(body.url);
          const problems = [
            ...(urlProblem ? [{ path: '/body/url', message: urlProblem }] : []),
            ...(filterProblems(filter, chaincodes, { chaincodes: '/body/chaincodes', eventNames: '/body/eventNames' }) ?? []),
          ];
          if (problems.length > 0) throw Problems.invalidArgument('the subscription is invalid', problems);
          const { subscription, secret } = store.create({ owner: principal.id, user: principal.user, url: body.url, filter, start: await nextBlock(ledger) });
          watcher.sync(subscription.id);
          return { status: 201, body: { ...view(subscription), secret }, headers: { Location: `/v1/subscriptions/${subscription.id}` } };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/v1/subscriptions',
        operationId: 'listSubscriptions',
        summary: "The caller's subscriptions",
        tags: TAGS,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'The subscriptions', schema: SubscriptionList },
        handler: async ({ principal }) => ({ status: 200, body: { subscriptions: store.list(principal.id).map(view) } }),
      }),
      defineRoute({
        method: 'get',
        path: '/v1/subscriptions/:id',
        operationId: 'getSubscription',
        summary: 'One subscription: status, checkpoint, latest failure',
        tags: TAGS,
        params: IdParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'The subscription', schema: SubscriptionView },
        handler: async ({ params, principal }) => ({ status: 200, body: view(owned(principal.id, params.id)) }),
      }),
      defineRoute({
        method: 'post',
        path: '/v1/subscriptions/:id/resume',
        operationId: 'resumeSubscription',
        summary: 'Resume a dead subscription: its failed event is retried first',
        tags: TAGS,
        params: IdParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 200, description: 'The subscription, active again', schema: SubscriptionView },
        handler: async ({ params, principal }) => {
          owned(principal.id, params.id);
          const subscription = store.resume(principal.id, params.id) as Subscription;
          watcher.sync(subscription.id);
          return { status: 200, body: view(subscription) };
        },
      }),
      defineRoute({
        method: 'delete',
        path: '/v1/subscriptions/:id',
        operationId: 'deleteSubscription',
        summary: 'Stop and delete a subscription',
        tags: TAGS,
        params: IdParams,
        roles: ANY_ROLE,
        writes: false,
        response: { status: 204, description: 'Deleted', schema: NoContent },
        handler: async ({ params, principal }) => {
          if (!store.delete(principal.id, params.id)) throw Problems.notFound(`subscription ${params.id} does not exist`);
          watcher.forget(params.id);
          return { status: 204, body: null };
        },
      }),
    ],
  };
}

/** Before the next block to commit: the highest height any of the org's peers reports. */
async function nextBlock(ledger: LedgerClient): Promise<Checkpoint> {
  const heights = (await ledger.probe()).flatMap((p) => (p.reachable && p.height !== undefined ? [p.height] : []));
  if (heights.length === 0) throw new HttpProblem('UNAVAILABLE', 'no peer of this organization answered; try again shortly');
  return { blockNumber: BigInt(Math.max(...heights)), txIndex: -1 };
}

function view(subscription: Subscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    chaincodes: subscription.filter.chaincodes,
    eventNames: subscription.filter.eventNames,
    createdAt: subscription.createdAt,
    status: subscription.status,
    checkpoint: formatCheckpoint(subscription.checkpoint),
    ...(subscription.failure ? { failure: subscription.failure } : {}),
  };
}
