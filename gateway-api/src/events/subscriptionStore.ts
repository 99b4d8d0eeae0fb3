/**
 * Webhook subscriptions, durable in the gateway's SQLite database (one table, created here):
 * who owns each one, where it delivers, its filter, its secret, and its checkpoint, the last
 * event the receiver acknowledged. The checkpoint is what makes delivery survive a restart: a
 * new dispatcher reads it and resumes right after it.
 *
 * The secret is stored as it is, not hashed: the gateway needs it to sign every delivery
 * (HMAC), so a hash would be useless. It is returned once, at creation, and never again; the
 * database file lives under the git-ignored runtime folder with mode 0600, so reading it takes
 * the gateway's own account. Rotating a leaked secret = delete the subscription, create another.
 *
 * @example
 * ```ts
 * const store = new SubscriptionStore(openDatabase('.runtime/homes/registry/gateway/gateway.db'));
 * const { subscription, secret } = store.create({ owner: 'tax-system', user: 'clerk1', url, filter, start });
 * store.acknowledge(subscription.id, { blockNumber: 12n, txIndex: 0 });
 * ```
 */
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { EventFilter } from './eventFilter';
import type { Checkpoint } from './ledgerEvent';

/** Why a subscription stopped: the event it could not deliver, after every attempt. */
export interface DeliveryFailure {
  /** The checkpoint of the event (`<block>:<txIndex>`). */
  readonly eventId: string;
  readonly attempts: number;
  readonly error: string;
  readonly at: string;
}

export type SubscriptionStatus = 'active' | 'dead';

export interface Subscription {
  readonly id: string;
  /** The principal that created it; only it sees, deletes or resumes it. */
  readonly owner: string;
  /** The Fabric identity events are read as (the owner's). */
  readonly user: string;
  readonly url: string;
  readonly filter: EventFilter;
  readonly createdAt: string;
  /** `dead`: an event failed every attempt; delivery waits (in order) until the owner resumes it. */
  readonly status: SubscriptionStatus;
  /** The last event acknowledged by the receiver (or skipped by the filter). */
  readonly checkpoint: Checkpoint;
  /** The latest failure: of the current retries while active, or the one that stopped it. */
  readonly failure?: DeliveryFailure;
}

export interface NewSubscription {
  readonly owner: string;
  readonly user: string;
  readonly url: string;
  readonly filter: EventFilter;
  /** Delivery starts after this checkpoint. */
  readonly start: Checkpoint;
}

interface Row {
  id: string;
  owner: string;
  fabric_user: string;
  url: string;
  chaincodes: string;
  event_names: string;
  created_at: string;
  status: SubscriptionStatus;
  block_number: number;
  tx_index: number;
  failure: string | null;
}

export class SubscriptionStore {
  constructor(private readonly db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_subscriptions (
      id TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      fabric_user TEXT NOT NULL,
      url TEXT NOT NULL,
      chaincodes TEXT NOT NULL,
      event_names TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'dead')),
      block_number INTEGER NOT NULL,
      tx_index INTEGER NOT NULL,
      failure TEXT
    ) STRICT`);
    db.exec('CREATE INDEX IF NOT EXISTS webhook_subscriptions_owner ON webhook_subscriptions (owner)');
  }

  /** Creates a subscription; the answer carries its secret, the only time anything does. */
  create(request: NewSubscription): { subscription: Subscription; secret: string } {
    const id = `sub_${randomBytes(12).toString('hex')}`;
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    this.db
      .prepare(
        `INSERT INTO webhook_subscriptions (id, owner, fabric_user, url, chaincodes, event_names, secret, created_at, status, block_number, tx_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      )
      .run(
        id,
        request.owner,
        request.user,
        request.url,
        JSON.stringify(request.filter.chaincodes),
        JSON.stringify(request.filter.eventNames),
        secret,
        new Date().toISOString(),
        request.start.blockNumber,
        request.start.txIndex,
      );
    return { subscription: this.get(id) as Subscription, secret };
  }

  get(id: string): Subscription | undefined {
    const row = this.db.prepare('SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as Row | undefined;
    return row && toSubscription(row);
  }

  /** The subscription if `owner` owns it; another principal's is as absent as a missing one. */
  getOwned(owner: string, id: string): Subscription | undefined {
    const subscription = this.get(id);
    return subscription?.owner === owner ? subscription : undefined;
  }

  list(owner: string): Subscription[] {
    const rows = this.db.prepare('SELECT * FROM webhook_subscriptions WHERE owner = ? ORDER BY created_at, id').all(owner) as unknown as Row[];
    return rows.map(toSubscription);
  }

  active(): Subscription[] {
    const rows = this.db.prepare("SELECT * FROM webhook_subscriptions WHERE status = 'active' ORDER BY created_at, id").all() as unknown as Row[];
    return rows.map(toSubscription);
  }

  /** The signing secret, for the dispatcher only. */
  secret(id: string): string | undefined {
    return (this.db.prepare('SELECT secret FROM webhook_subscriptions WHERE id = ?').get(id) as { secret: string } | undefined)?.secret;
  }

  /** Deletes `owner`'s subscription; false when there is none. */
  delete(owner: string, id: string): boolean {
    return Number(this.db.prepare('DELETE FROM webhook_subscriptions WHERE id = ? AND owner = ?').run(id, owner).changes) > 0;
  }

  /** Moves the checkpoint past an acknowledged (or filtered-out) event, and clears a retry's failure. */
  acknowledge(id: string, checkpoint: Checkpoint): void {
    this.db
      .prepare("UPDATE webhook_subscriptions SET block_number = ?, tx_index = ?, failure = NULL WHERE id = ? AND status = 'active'")
      .run(checkpoint.blockNumber, checkpoint.txIndex, id);
  }

  /** Records a failed attempt; with `dead`, stops the subscription at that event. */
  fail(id: string, failure: DeliveryFailure, dead: boolean): void {
    this.db
      .prepare(`UPDATE webhook_subscriptions SET failure = ?${dead ? ", status = 'dead'" : ''} WHERE id = ?`)
      .run(JSON.stringify(failure), id);
  }

  /** Reactivates `owner`'s dead subscription: delivery retries the failed event first. */
  resume(owner: string, id: string): Subscription | undefined {
    this.db.prepare("UPDATE webhook_subscriptions SET status = 'active', failure = NULL WHERE id = ? AND owner = ?").run(id, owner);
    return this.getOwned(owner, id);
  }
}

function toSubscription(row: Row): Subscription {
  return {
    id: row.id,
    owner: row.owner,
    user: row.fabric_user,
    url: row.url,
    filter: { chaincodes: JSON.parse(row.chaincodes) as string[], eventNames: JSON.parse(row.event_names) as string[] },
    createdAt: row.created_at,
    status: row.status,
    checkpoint: { blockNumber: BigInt(row.block_number), txIndex: row.tx_index },
    ...(row.failure !== null ? { failure: JSON.parse(row.failure) as DeliveryFailure } : {}),
  };
}

