import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import type {
  ChaincodeProposal,
  ChaincodeResponse,
  Iterators,
  SerializedIdentity,
  SplitCompositekey,
  StateQueryResponse,
  Timestamp,
} from 'fabric-shim';
import type { FakeCaller } from './fakeIdentity';
import { FakeIterator, queryable } from './iterators';

type ChaincodeStub = Context['stub'];
type Query<T> = Promise<Iterators.CommonIterator<T>> & AsyncIterable<T>;
type Paged = StateQueryResponse<FakeIterator<Iterators.KV>>;
type PagedQuery<T> = Promise<StateQueryResponse<Iterators.CommonIterator<T>>> & AsyncIterable<T>;

/** Who may read and write a private data collection (as in collections_config.json). */
export interface CollectionPolicy {
  members: readonly string[];
  /** Default true: non-member clients cannot read the private values (hashes stay public). */
  memberOnlyRead?: boolean;
  /** Default true: non-member clients cannot write. */
  memberOnlyWrite?: boolean;
}

/** One committed change of a key, oldest first (the stub reverses it like Fabric). */
export interface CommittedChange {
  txId: string;
  millis: number;
  isDelete: boolean;
  value: Uint8Array;
}

/** The committed ledger a {@link FakeStub} reads from; implemented by `FakeLedger`. */
export interface CommittedState {
  readonly world: ReadonlyMap<string, Uint8Array>;
  privateCollection(name: string): ReadonlyMap<string, Uint8Array>;
  history(key: string): readonly CommittedChange[];
  /** The key's committed validation parameter (key-level endorsement policy), if any. */
  validationParameter(key: string): Uint8Array | undefined;
  collectionPolicy(name: string): CollectionPolicy | undefined;
  invokeChaincode(name: string, args: string[], caller: FakeCaller): Promise<ChaincodeResponse>;
}

/** Everything that identifies one fake transaction. */
export interface FakeTxInfo {
  txId: string;
  millis: number;
  channel: string;
  caller: FakeCaller;
  /** MSP of the endorsing peer (`getMspID()`). */
  peerMsp: string;
  transient: Map<string, Uint8Array>;
  fcn: string;
  params: string[];
}

const COMPOSITE_NS = '\u0000';
const MAX_RUNE = '\u{10ffff}';
const SIMPLE_KEY_START = '\u0001';

/** LevelDB orders keys by their UTF-8 bytes, not by JS (UTF-16) string order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function scan(state: ReadonlyMap<string, Uint8Array>, startKey: string, endKey: string): Iterators.KV[] {
  return [...state.keys()]
    .filter((key) => compareKeys(key, startKey) >= 0 && (endKey === '' || compareKeys(key, endKey) < 0))
    .sort(compareKeys)
    .map((key) => ({ namespace: '', key, value: Buffer.from(state.get(key) as Uint8Array) }));
}

function notSupported(name: string): never {
  throw new Error(`FakeStub.${name} is not supported (LevelDB / unit tests)`);
}

/**
 * In-memory `ChaincodeStub` for ONE transaction, with Fabric's simulation semantics:
 * - reads (state, ranges, history, private data) see only COMMITTED state, never this
 *   transaction's own writes; writes are buffered until `FakeLedger.commit`;
 * - an empty value written is a delete; the last write to a key wins;
 * - one event per transaction (`setEvent` replaces the previous one);
 * - key-level endorsement policies (`setStateValidationParameter`) are buffered with the
 *   writes; only public state supports them (private data keys: their collection's policy);
 * - paginated and private-data range queries are read-only: mixing them with writes throws;
 * - keys are ordered by UTF-8 bytes, composite keys use the real `\u0000` format.
 */
export class FakeStub implements ChaincodeStub {
  /** Buffered public writes; `undefined` marks a delete. */
  readonly writes = new Map<string, Uint8Array | undefined>();
  /** Buffered private writes per collection; `undefined` marks a delete. */
  readonly privateWrites = new Map<string, Map<string, Uint8Array | undefined>>();
  /**
   * Buffered validation parameters (key-level endorsement policies) of public keys;
   * `undefined` removes the key's policy.
   */
  readonly validationWrites = new Map<string, Uint8Array | undefined>();
  /** The event set by this transaction, if any. */
  event: { name: string; payload: Uint8Array } | undefined;

  private writePerformed = false;
  private readOnlyQueryPerformed = false;

  constructor(
    private readonly ledger: CommittedState,
    readonly tx: FakeTxInfo,
  ) {}

  // --- transaction metadata -------------------------------------------------------------

  getArgs(): string[] {
    return [this.tx.fcn, ...this.tx.params];
  }

  getStringArgs(): string[] {
    return this.getArgs();
  }

  getFunctionAndParameters(): { params: string[]; fcn: string } {
    return { fcn: this.tx.fcn, params: [...this.tx.params] };
  }

  getTxID(): string {
    return this.tx.txId;
  }

  getChannelID(): string {
    return this.tx.channel;
  }

  getCreator(): SerializedIdentity {
    return { mspid: this.tx.caller.msp, idBytes: Buffer.from(this.tx.caller.name ?? 'user') };
  }

  getMspID(): string {
    return this.tx.peerMsp;
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map(this.tx.transient);
  }

  getTxTimestamp(): Timestamp {
    const seconds = Math.floor(this.tx.millis / 1000);
    // fabric-shim returns seconds as an unsigned Long; only toNumber() matters to callers.
    const long = { low: seconds | 0, high: 0, unsigned: true, toNumber: () => seconds, toString: () => String(seconds) };
    return { seconds: long as unknown as Timestamp['seconds'], nanos: (this.tx.millis % 1000) * 1_000_000 };
  }

  getDateTimestamp(): Date {
    return new Date(this.tx.millis);
  }

  getSignedProposal(): ChaincodeProposal.SignedProposal {
    return notSupported('getSignedProposal');
  }

  getBinding(): string {
    return notSupported('getBinding');
  }

  // --- public state ---------------------------------------------------------------------

  async getState(key: string): Promise<Uint8Array> {
    return Buffer.from(this.ledger.world.get(key) ?? new Uint8Array());
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    this.checkWrite(key);
    this.writes.set(key, value.length > 0 ? Uint8Array.from(value) : undefined);
  }

  async deleteState(key: string): Promise<void> {
    this.checkWrite(key);
    this.writes.set(key, undefined);
  }

  /**
   * Buffers `key`'s key-level endorsement policy like any other write (an empty policy removes
   * it). It is applied on commit only if the key exists then (Fabric drops the metadata of a
   * key that is absent or deleted).
   */
  async setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    this.checkWrite(key);
    this.validationWrites.set(key, ep.length > 0 ? Uint8Array.from(ep) : undefined);
  }

  /**
   * The key's COMMITTED policy (not this transaction's own), or `undefined` when it has none,
   * as fabric-shim answers despite its `Uint8Array` type.
   */
  async getStateValidationParameter(key: string): Promise<Uint8Array> {
    const ep = this.ledger.validationParameter(key);
    return (ep ? Buffer.from(ep) : undefined) as Uint8Array;
  }

  getStateByRange(startKey: string, endKey: string): Query<Iterators.KV> {
    return queryable(this.rangeQuery(startKey, endKey).then((kvs) => new FakeIterator(kvs)));
  }

  getStateByRangeWithPagination(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark?: string,
  ): PagedQuery<Iterators.KV> {
    const response: Promise<Paged> = this.rangeQuery(startKey, endKey).then(() =>
      this.page(startKey || SIMPLE_KEY_START, endKey, pageSize, bookmark),
    );
    return queryable(response);
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): Query<Iterators.KV> {
    const start = this.createCompositeKey(objectType, attributes);
    return queryable(Promise.resolve(new FakeIterator(scan(this.ledger.world, start, start + MAX_RUNE))));
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): PagedQuery<Iterators.KV> {
    const start = this.createCompositeKey(objectType, attributes);
    const response: Promise<Paged> = Promise.resolve().then(() => this.page(start, start + MAX_RUNE, pageSize, bookmark));
    return queryable(response);
  }

  getQueryResult(): Query<Iterators.KV> {
    return notSupported('getQueryResult');
  }

  getQueryResultWithPagination(): PagedQuery<Iterators.KV> {
    return notSupported('getQueryResultWithPagination');
  }

  getHistoryForKey(key: string): Query<Iterators.KeyModification> {
    const changes = this.ledger
      .history(key)
      .map((change) => ({
        txId: change.txId,
        isDelete: change.isDelete,
        value: Buffer.from(change.value),
        // fabric-shim hands history timestamps out as plain numbers (protobuf toObject()).
        timestamp: { seconds: Math.floor(change.millis / 1000), nanos: (change.millis % 1000) * 1_000_000 },
      }))
      .reverse(); // Fabric 2.x returns the newest change first.
    return queryable(Promise.resolve(new FakeIterator(changes as unknown as Iterators.KeyModification[])));
  }

  // --- composite keys -------------------------------------------------------------------

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (typeof part !== 'string' || part.length === 0) {
        throw new Error('object type or attribute not a non-zero length string');
      }
      if (part.includes(COMPOSITE_NS) || part.includes(MAX_RUNE)) {
        throw new Error('composite key parts must not contain U+0000 or U+10FFFF');
      }
    }
    return COMPOSITE_NS + [objectType, ...attributes].map((part) => part + COMPOSITE_NS).join('');
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    if (!compositeKey.startsWith(COMPOSITE_NS) || compositeKey.length < 2) {
      return { objectType: null as unknown as string, attributes: [] };
    }
    const parts = compositeKey.slice(1, -1).split(COMPOSITE_NS);
    return { objectType: parts[0] ?? '', attributes: parts.slice(1) };
  }

  // --- chaincode-to-chaincode and events ------------------------------------------------

  async invokeChaincode(chaincodeName: string, args: string[], channel: string): Promise<ChaincodeResponse> {
    if (channel && channel !== this.tx.channel) {
      throw new Error(`FakeStub.invokeChaincode: channel ${channel} is not ${this.tx.channel}`);
    }
    return this.ledger.invokeChaincode(chaincodeName, args, this.tx.caller);
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name === '') {
      throw new Error('Event name must be a non-empty string');
    }
    this.event = { name, payload: Uint8Array.from(payload) };
  }

  // --- private data ---------------------------------------------------------------------

  async getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    this.checkPrivateAccess(collection, 'read');
    return Buffer.from(this.ledger.privateCollection(collection).get(key) ?? new Uint8Array());
  }

  async getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    const value = this.ledger.privateCollection(collection).get(key);
    return value ? createHash('sha256').update(value).digest() : Buffer.alloc(0);
  }

  async putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.checkPrivateAccess(collection, 'write');
    this.checkWrite(key);
    this.privateWritesOf(collection).set(key, value.length > 0 ? Uint8Array.from(value) : undefined);
  }

  async deletePrivateData(collection: string, key: string): Promise<void> {
    this.checkPrivateAccess(collection, 'write');
    this.checkWrite(key);
    this.privateWritesOf(collection).set(key, undefined);
  }

  async purgePrivateData(collection: string, key: string): Promise<void> {
    await this.deletePrivateData(collection, key);
  }

  async setPrivateDataValidationParameter(): Promise<void> {
    notSupported('setPrivateDataValidationParameter');
  }

  async getPrivateDataValidationParameter(): Promise<Uint8Array> {
    return notSupported('getPrivateDataValidationParameter');
  }

  getPrivateDataByRange(collection: string, startKey: string, endKey: string): Query<Iterators.KV> {
    return queryable(
      Promise.resolve().then(() => {
        this.checkPrivateAccess(collection, 'read');
        this.checkReadOnlyQuery();
        return new FakeIterator(scan(this.ledger.privateCollection(collection), startKey || SIMPLE_KEY_START, endKey));
      }),
    );
  }

  getPrivateDataByPartialCompositeKey(collection: string, objectType: string, attributes: string[]): Query<Iterators.KV> {
    const start = this.createCompositeKey(objectType, attributes);
    return queryable(
      Promise.resolve().then(() => {
        this.checkPrivateAccess(collection, 'read');
        this.checkReadOnlyQuery();
        return new FakeIterator(scan(this.ledger.privateCollection(collection), start, start + MAX_RUNE));
      }),
    );
  }

  getPrivateDataQueryResult(): Query<Iterators.KV> {
    return notSupported('getPrivateDataQueryResult');
  }

  // --- internals ------------------------------------------------------------------------

  private async rangeQuery(startKey: string, endKey: string): Promise<Iterators.KV[]> {
    for (const key of [startKey, endKey]) {
      if (key.startsWith(COMPOSITE_NS)) {
        throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
      }
    }
    return scan(this.ledger.world, startKey || SIMPLE_KEY_START, endKey);
  }

  private page(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark: string | undefined,
  ): Paged {
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
    }
    this.checkReadOnlyQuery();
    const all = scan(this.ledger.world, bookmark || startKey, endKey);
    const items = all.slice(0, pageSize);
    // Like Fabric's LevelDB scanner: the bookmark is the next key, or '' when exhausted.
    const next = all[pageSize];
    const metadata = { fetchedRecordsCount: items.length, bookmark: next ? next.key : '' };
    // fabric-shim leaves `metadata` out when the peer's metadata is all defaults (an empty
    // page: no record, no bookmark), though its type says it is always there.
    const empty = items.length === 0 && metadata.bookmark === '';
    return { iterator: new FakeIterator(items), metadata: (empty ? undefined : metadata) as Paged['metadata'] };
  }

  private checkReadOnlyQuery(): void {
    if (this.writePerformed) {
      throw new Error(`txid [${this.tx.txId}]: paginated and private data range queries are supported only in a read-only transaction`);
    }
    this.readOnlyQueryPerformed = true;
  }

  private checkWrite(key: string): void {
    if (typeof key !== 'string' || key === '') {
      throw new Error('key must not be an empty string');
    }
    if (this.readOnlyQueryPerformed) {
      throw new Error(`txid [${this.tx.txId}]: transaction has already performed a paginated or private data range query; writes are not allowed`);
    }
    this.writePerformed = true;
  }

  private checkPrivateAccess(collection: string, access: 'read' | 'write'): void {
    const policy = this.ledger.collectionPolicy(collection);
    if (!policy || policy.members.includes(this.tx.caller.msp)) {
      return;
    }
    const memberOnly = access === 'read' ? policy.memberOnlyRead !== false : policy.memberOnlyWrite !== false;
    if (memberOnly) {
      throw new Error(`tx creator does not have ${access} access permission on privatedata in collectionName:${collection}`);
    }
  }

  private privateWritesOf(collection: string): Map<string, Uint8Array | undefined> {
    let writes = this.privateWrites.get(collection);
    if (!writes) {
      writes = new Map();
      this.privateWrites.set(collection, writes);
    }
    return writes;
  }
}
