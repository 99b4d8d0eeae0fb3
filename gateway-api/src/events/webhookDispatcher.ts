/**
 * Delivers chaincode events to webhook subscriptions: at least once, in ledger order, one queue
 * per subscription.
 *
 * Each active subscription has one worker: it reads the event stream (as the owner's Fabric
 * identity) from the subscription's checkpoint, and for each event the filter keeps, POSTs it,
 * signed (webhookSignature.ts), until the receiver answers 2xx. Only then does the checkpoint move
 * past the event (events the filter drops move it too). So after a crash or restart, a new
 * dispatcher on the same database resumes right after the last acknowledged event; an event
 * delivered but not yet acknowledged is sent again (receivers deduplicate on
 * `X-City-Ledger-Event-Id`).
 *
 * A failed attempt (network error, timeout, any non-2xx, a redirect) is retried with exponential
 * backoff and jitter (backoff.ts). After the last attempt the subscription is `dead`: delivery
 * stops at that event, which stays first in line, and the subscription shows the failure until
 * its owner resumes it. Stopping rather than skipping keeps the order and loses nothing.
 *
 * @example
 * ```ts
 * const dispatcher = new WebhookDispatcher({ store, source, logger });
 * dispatcher.start();                 // a worker per active subscription
 * dispatcher.sync(subscription.id);   // after create / resume
 * dispatcher.forget(subscription.id); // after delete
 * await dispatcher.stop();            // at shutdown
 * ```
 */
import { WebhookTargets } from './webhookTargets';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff';
import { matches } from './eventFilter';
import type { EventSource } from './eventSource';
import { eventJson, formatCheckpoint, type LedgerEvent } from './ledgerEvent';
import type { Subscription, SubscriptionStore } from './subscriptionStore';
import { SIGNATURE_HEADER, signatureHeader } from './webhookSignature';

export interface WebhookDispatcherOptions {
  readonly store: SubscriptionStore;
  readonly source: EventSource;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  /** Pause before reopening a broken event stream. */
  readonly reconnectDelayMs?: number;
  /** Longest wait for a receiver's answer. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Checked before every delivery (resolved addresses); defaults to refusing loopback, private and link-local ones. */
  readonly targets?: WebhookTargets;
}

/** What the subscription routes tell the dispatcher. */
export interface SubscriptionWatcher {
  /** Starts (or restarts) delivery of a subscription that was created or resumed. */
  sync(id: string): void;
  /** Stops delivery of a deleted subscription. */
  forget(id: string): void;
}

interface Worker {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export class WebhookDispatcher implements SubscriptionWatcher {
  private readonly workers = new Map<string, Worker>();
  private readonly retry: RetryPolicy;
  private readonly fetch: typeof fetch;
  private readonly targets: WebhookTargets;
  private running = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.fetch = options.fetch ?? fetch;
    this.targets = options.targets ?? new WebhookTargets();
  }

  /** Starts a worker for every active subscription in the database. */
  start(): void {
    this.running = true;
    for (const subscription of this.options.store.active()) this.sync(subscription.id);
  }

  /** Stops every worker and waits for them; nothing is acknowledged after this resolves. */
  async stop(): Promise<void> {
    this.running = false;
    const workers = [...this.workers.values()];
    this.workers.clear();
    for (const worker of workers) worker.controller.abort();
    await Promise.all(workers.map((w) => w.done));
  }

  sync(id: string): void {
    if (!this.running) return;
    this.forget(id);
    const controller = new AbortController();
    const done = this.work(id, controller.signal)
      .catch((err: unknown) => this.options.logger.error({ err, subscription: id }, 'webhook worker failed'))
      .finally(() => {
        if (this.workers.get(id)?.controller === controller) this.workers.delete(id);
      });
    this.workers.set(id, { controller, done });
  }

  forget(id: string): void {
    this.workers.get(id)?.controller.abort();
    this.workers.delete(id);
  }

  /** Whether a subscription has a running worker (for tests and /readyz-like checks). */
  isDelivering(id: string): boolean {
    return this.workers.has(id);
  }

  private async work(id: string, signal: AbortSignal): Promise<void> {
    const { store, source, logger } = this.options;
    while (!signal.aborted) {
      const subscription = store.get(id);
      const secret = store.secret(id);
      if (!subscription || subscription.status !== 'active' || secret === undefined) return;
      const stream = source.stream(subscription.user, { after: subscription.checkpoint });
      const close = () => stream.close();
      signal.addEventListener('abort', close, { once: true });
      try {
        for await (const event of stream) {
          if (signal.aborted) return;
          if (matches(subscription.filter, event) && !(await this.deliver(subscription, secret, event, signal))) return;
          store.acknowledge(id, event);
        }
      } catch (err) {
        if (signal.aborted) return;
        logger.warn({ err, subscription: id }, 'event stream broke; reopening from the checkpoint');
      } finally {
        signal.removeEventListener('abort', close);
        stream.close();
      }
      if (!(await pause(this.options.reconnectDelayMs ?? 5_000, signal))) return;
    }
  }

  /** Sends one event until it is acknowledged; false when the subscription died or stopped. */
  private async deliver(subscription: Subscription, secret: string, event: LedgerEvent, signal: AbortSignal): Promise<boolean> {
    const eventId = formatCheckpoint(event);
    const body = JSON.stringify({ subscriptionId: subscription.id, ...eventJson(event) });
    for (let attempt = 1; ; attempt += 1) {
      const error = await this.post(subscription, secret, eventId, body, attempt, signal);
      if (error === undefined) return true;
      if (signal.aborted) return false;
      const dead = attempt >= this.retry.maxAttempts;
      this.options.store.fail(subscription.id, { eventId, attempts: attempt, error, at: new Date().toISOString() }, dead);
      this.options.logger.warn({ subscription: subscription.id, eventId, attempt, error, dead }, 'webhook delivery failed');
      if (dead) return false;
      if (!(await pause(backoffDelay(attempt, this.retry), signal))) return false;
    }
  }

  /** One POST; answers why it failed, or undefined on a 2xx. */
  private async post(subscription: Subscription, secret: string, eventId: string, body: string, attempt: number, signal: AbortSignal): Promise<string | undefined> {
    try {
      const refused = await this.targets.deliveryProblem(subscription.url);
      if (refused !== undefined) return `refused: the URL ${refused}`;
      const response = await this.fetch(subscription.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 10_000)]),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'city-ledger-gateway',
          'X-City-Ledger-Event-Id': eventId,
          'X-City-Ledger-Subscription': subscription.id,
          'X-City-Ledger-Attempt': String(attempt),
          [SIGNATURE_HEADER]: signatureHeader(secret, body),
        },
      });
      await response.body?.cancel();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return cause ?? (err instanceof Error ? err.name === 'TimeoutError' ? 'timeout' : err.message : String(err));
    }
  }
}

/** Waits `ms`; false when `signal` aborted first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
