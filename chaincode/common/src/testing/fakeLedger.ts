import { Context, type Contract } from 'fabric-contract-api';
import type { ChaincodeResponse } from 'fabric-shim';
import { sha256Hex, canonicalJson } from '@city-ledger/domain';
import { isoToMillis, millisToIso } from '../time';
import { endorsingOrgs } from './endorsementPolicy';
import { FakeClientIdentity, type FakeCaller } from './fakeIdentity';
import { compareKeys, FakeStub, type CollectionPolicy, type CommittedChange, type CommittedState } from './fakeStub';

/** Transient map input: bytes as given, strings as UTF-8, anything else as canonical JSON. */
export type TransientInput = Record<string, unknown>;

/** A transaction context whose stub and identity are the fakes. */
export type FakeContext = Context & { stub: FakeStub; clientIdentity: FakeClientIdentity };

/** Options of {@link FakeLedger.context}. */
export interface FakeContextOptions {
  transient?: TransientInput;
  /** Function name and arguments reported by `getFunctionAndParameters()`. */
  fcn?: string;
  args?: readonly string[];
  /** Creates the context with `contract.createContext()` (custom contexts). */
  contract?: Contract;
}

/** What a transaction returned, as the client would see it. */
export interface InvokeResult<T> {
  /** The wire payload parsed as JSON, or the raw string when it is not JSON; undefined when empty. */
  result: T;
  /** The exact payload the client receives (contract-api serialization). */
  payload: string;
  txId: string;
  /** Transaction timestamp, ISO-8601 UTC with milliseconds. */
  timestamp: string;
  /** The transaction's chaincode event, payload parsed as JSON. */
  event: FakeEvent | undefined;
}

/** A chaincode event as a client would receive it. */
export interface FakeEvent {
  txId: string;
  name: string;
  payload: unknown;
}

/** Handles `invokeChaincode` calls to another chaincode: return a value (JSON-encoded) or throw. */
export type ChaincodeHandler = (args: string[], caller: FakeCaller) => unknown;

/** Options of {@link FakeLedger}. */
export interface FakeLedgerOptions {
  channel?: string;
  /** Timestamp of the first transaction (default `2025-01-01T00:00:00.000Z`). */
  start?: string;
  /** How far the clock advances per transaction (default 1000 ms). */
  stepMillis?: number;
  /** MSP of the endorsing peer reported by `getMspID()` (default: the caller's MSP). */
  peerMsp?: string;
}

/**
 * An in-memory channel ledger for unit tests: committed world state with history, private
 * data collections, committed events and a deterministic clock (each transaction gets a fresh
 * txId and a timestamp `stepMillis` after the previous one).
 *
 * Transactions follow Fabric's rules (see {@link FakeStub}): reads never see the
 * transaction's own writes; writes become visible only when the transaction commits.
 * `invoke` commits on success and discards everything on error. Key-level endorsement
 * policies set with `setStateValidationParameter` commit with the writes; {@link keyEndorsers}
 * decodes them for assertions (the fake records policies, it does not enforce them).
 *
 * @example
 * ```ts
 * const ledger = new FakeLedger();
 * const clerk = { msp: Msp.Registry, role: Role.Clerk };
 * const { result, event } = await ledger.invoke(contract, 'registerParcel', clerk, ['{"id":"P-1"}']);
 * const before = ledger.snapshot();
 * await expect(ledger.invoke(contract, 'registerParcel', clerk, ['{'])).rejects.toThrow(/^INVALID_ARGUMENT: /);
 * expect(ledger.snapshot()).toEqual(before);                  // bad input changed nothing
 * const page = await ledger.evaluate(contract, 'listParcels', clerk, ['10', '']);   // never commits
 * ```
 */
export class FakeLedger implements CommittedState {
  readonly channel: string;
  readonly world = new Map<string, Uint8Array>();
  /** Every committed event, in commit order. */
  readonly events: FakeEvent[] = [];

  private readonly histories = new Map<string, CommittedChange[]>();
  private readonly validationParameters = new Map<string, Uint8Array>();
  private readonly privateData = new Map<string, Map<string, Uint8Array>>();
  private readonly collections = new Map<string, CollectionPolicy>();
  private readonly chaincodes = new Map<string, ChaincodeHandler>();
  private readonly committed = new WeakSet<FakeStub>();
  private readonly stepMillis: number;
  private readonly peerMsp: string | undefined;
  private nextMillis: number;
  private txCount = 0;

  constructor(options: FakeLedgerOptions = {}) {
    this.channel = options.channel ?? 'city';
    this.stepMillis = options.stepMillis ?? 1000;
    this.peerMsp = options.peerMsp;
    this.nextMillis = parseIso(options.start ?? '2025-01-01T00:00:00.000Z');
  }

  // --- running transactions -------------------------------------------------------------

  /**
   * Submits `contract[fn](ctx, ...args)` like the contract runtime does (beforeTransaction,
   * aroundTransaction, afterTransaction; unknown names go to unknownTransaction; argument
   * count checked against the @Transaction metadata). Commits on success; on error discards
   * all writes and the event, and rethrows the error unchanged.
   */
  async invoke<T = unknown>(
    contract: Contract,
    fn: string,
    caller: FakeCaller,
    args: readonly string[] = [],
    transient?: TransientInput,
  ): Promise<InvokeResult<T>> {
    const ctx = this.context(caller, { contract, fcn: fn, args, transient });
    const result = await this.execute<T>(contract, fn, ctx, args);
    this.commit(ctx);
    return result;
  }

  /** Like {@link invoke}, but never commits (an evaluated query). */
  async evaluate<T = unknown>(
    contract: Contract,
    fn: string,
    caller: FakeCaller,
    args: readonly string[] = [],
    transient?: TransientInput,
  ): Promise<InvokeResult<T>> {
    return this.execute<T>(contract, fn, this.context(caller, { contract, fcn: fn, args, transient }), args);
  }

  /**
   * Runs `body` as one transaction and commits it when it resolves (unless `commit: false`).
   * Handy for testing library helpers or seeding state without a contract.
   */
  async transact<T>(
    caller: FakeCaller,
    body: (ctx: FakeContext) => Promise<T> | T,
    options: { transient?: TransientInput; commit?: boolean } = {},
  ): Promise<T> {
    const ctx = this.context(caller, { transient: options.transient });
    const result = await body(ctx);
    if (options.commit !== false) {
      this.commit(ctx);
    }
    return result;
  }

  /** A new transaction context (fresh txId, next clock tick). Writes stay buffered until {@link commit}. */
  context(caller: FakeCaller, options: FakeContextOptions = {}): FakeContext {
    this.txCount += 1;
    const millis = this.nextMillis;
    this.nextMillis += this.stepMillis;
    const transient = new Map<string, Uint8Array>();
    for (const [key, value] of Object.entries(options.transient ?? {})) {
      transient.set(key, encodeTransient(value));
    }
    const stub = new FakeStub(this, {
      txId: sha256Hex(`fake-tx-${this.txCount}`),
      millis,
      channel: this.channel,
      caller,
      peerMsp: this.peerMsp ?? caller.msp,
      transient,
      fcn: options.fcn ?? '',
      params: [...(options.args ?? [])],
    });
    const ctx = (options.contract ? options.contract.createContext() : new Context()) as FakeContext;
    ctx.stub = stub;
    ctx.clientIdentity = new FakeClientIdentity(caller);
    ctx.logging = { setLevel: () => undefined, getLogger: () => silentLogger };
    return ctx;
  }

  /** Applies the transaction's buffered writes, history and event. A context commits at most once. */
  commit(ctx: Context): void {
    const stub = ctx.stub;
    if (!(stub instanceof FakeStub)) {
      throw new Error('FakeLedger.commit: not a FakeLedger context');
    }
    if (this.committed.has(stub)) {
      throw new Error(`FakeLedger.commit: transaction ${stub.tx.txId} is already committed`);
    }
    this.committed.add(stub);
    const { txId, millis } = stub.tx;
    for (const [key, value] of stub.writes) {
      apply(this.world, key, value);
      if (value === undefined) {
        this.validationParameters.delete(key); // a deleted key loses its metadata
      }
      const history = this.histories.get(key) ?? [];
      history.push({ txId, millis, isDelete: value === undefined, value: value ?? new Uint8Array() });
      this.histories.set(key, history);
    }
    // Metadata writes are not key history; Fabric ignores them for keys that do not exist.
    for (const [key, ep] of stub.validationWrites) {
      if (this.world.has(key)) {
        apply(this.validationParameters, key, ep);
      }
    }
    for (const [collection, writes] of stub.privateWrites) {
      const data = this.privateWritable(collection);
      for (const [key, value] of writes) {
        apply(data, key, value);
      }
    }
    if (stub.event) {
      this.events.push({ txId, name: stub.event.name, payload: parseText(Buffer.from(stub.event.payload).toString()) });
    }
  }

  // --- configuration --------------------------------------------------------------------

  /**
   * Declares a private data collection's membership. Undeclared collections accept everyone;
   * declared ones refuse non-member clients as Fabric does (memberOnlyRead/Write default true).
   */
  defineCollection(name: string, policy: CollectionPolicy): void {
    this.collections.set(name, policy);
  }

  /** Answers `stub.invokeChaincode(name, ...)`; a thrown error becomes a status-500 response. */
  registerChaincode(name: string, handler: ChaincodeHandler): void {
    this.chaincodes.set(name, handler);
  }

  /** Sets the timestamp of the next transaction. */
  setTime(iso: string): void {
    this.nextMillis = parseIso(iso);
  }

  /** Moves the clock forward (e.g. past a credential's expiry). */
  advanceTime(millis: number): void {
    this.nextMillis += millis;
  }

  /** Timestamp the next transaction will get. */
  get nextTimestamp(): string {
    return millisToIso(this.nextMillis);
  }

  // --- inspection -----------------------------------------------------------------------

  /** Committed value of `key` parsed as JSON, or undefined. */
  getJson<T = unknown>(key: string): T | undefined {
    const value = this.world.get(key);
    return value ? (JSON.parse(Buffer.from(value).toString('utf8')) as T) : undefined;
  }

  /** Committed private value parsed as JSON, or undefined. */
  getPrivateJson<T = unknown>(collection: string, key: string): T | undefined {
    const value = this.privateData.get(collection)?.get(key);
    return value ? (JSON.parse(Buffer.from(value).toString('utf8')) as T) : undefined;
  }

  /** Committed validation parameter (key-level endorsement policy bytes) of `key`, or undefined. */
  validationParameter(key: string): Uint8Array | undefined {
    const ep = this.validationParameters.get(key);
    return ep && Uint8Array.from(ep);
  }

  /**
   * The orgs whose peers must ALL endorse the next change of `key` (sorted), decoded from its
   * committed validation parameter; undefined when the key has none (the chaincode-level
   * policy applies). Throws when the policy is not an AND of peers.
   *
   * @example
   * ```ts
   * expect(ledger.keyEndorsers(shipmentKey)).toEqual(['HealthMSP', 'PublicWorksMSP']);
   * ```
   */
  keyEndorsers(key: string): string[] | undefined {
    const ep = this.validationParameters.get(key);
    return ep && endorsingOrgs(ep);
  }

  /** Committed keys (UTF-8 order), optionally only those starting with `prefix`. */
  keys(prefix = ''): string[] {
    return [...this.world.keys()].filter((key) => key.startsWith(prefix)).sort(compareKeys);
  }

  /**
   * A comparable dump of all committed public and private state and key-level endorsement
   * policies: equal snapshots, equal ledgers.
   */
  snapshot(): string {
    const dump = (map: ReadonlyMap<string, Uint8Array>): Record<string, string> =>
      Object.fromEntries([...map].map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
    const collections = Object.fromEntries([...this.privateData].map(([name, data]) => [name, dump(data)]));
    const state: Record<string, unknown> = { world: dump(this.world), private: collections };
    if (this.validationParameters.size > 0) {
      state.validation = dump(this.validationParameters);
    }
    return canonicalJson(state);
  }

  // --- CommittedState (used by FakeStub) ------------------------------------------------

  /** @internal */
  privateCollection(name: string): ReadonlyMap<string, Uint8Array> {
    return this.privateData.get(name) ?? new Map();
  }

  /** @internal */
  history(key: string): readonly CommittedChange[] {
    return this.histories.get(key) ?? [];
  }

  /** @internal */
  collectionPolicy(name: string): CollectionPolicy | undefined {
    return this.collections.get(name);
  }

  /** @internal */
  async invokeChaincode(name: string, args: string[], caller: FakeCaller): Promise<ChaincodeResponse> {
    const handler = this.chaincodes.get(name);
    if (!handler) {
      throw new Error(`chaincode ${name} is not registered with the FakeLedger`);
    }
    try {
      const value = await handler([...args], caller);
      return { status: 200, message: '', payload: Buffer.from(toWire(value)) };
    } catch (err) {
      return { status: 500, message: err instanceof Error ? err.message : String(err) };
    }
  }

  // --- internals ------------------------------------------------------------------------

  private async execute<T>(
    contract: Contract,
    fn: string,
    ctx: FakeContext,
    args: readonly string[],
  ): Promise<InvokeResult<T>> {
    const transaction = findTransaction(contract, fn);
    let value: unknown;
    if (!transaction) {
      await contract.unknownTransaction(ctx);
    } else {
      if (transaction.parameters && transaction.parameters.length !== args.length) {
        throw new Error(`Expected ${transaction.parameters.length} parameters, but ${args.length} have been supplied`);
      }
      await contract.beforeTransaction(ctx);
      // The runtime passes the function NAME; the .d.ts says Function.
      const around = contract.aroundTransaction as unknown as (c: Context, f: string, p: unknown[]) => Promise<unknown>;
      value = await around.call(contract, ctx, fn, [...args]);
      await contract.afterTransaction(ctx, value);
    }
    const payload = toWire(value);
    const event = ctx.stub.event;
    return {
      result: (payload === '' ? undefined : parseText(payload)) as T,
      payload,
      txId: ctx.stub.tx.txId,
      timestamp: millisToIso(ctx.stub.tx.millis),
      event: event && {
        txId: ctx.stub.tx.txId,
        name: event.name,
        payload: parseText(Buffer.from(event.payload).toString('utf8')),
      },
    };
  }

  private privateWritable(collection: string): Map<string, Uint8Array> {
    let data = this.privateData.get(collection);
    if (!data) {
      data = new Map();
      this.privateData.set(collection, data);
    }
    return data;
  }
}

interface TransactionMetadata {
  name: string;
  parameters?: unknown[];
}

// Mirrors how fabric-shim finds transaction functions: @Transaction metadata if any,
// otherwise every prototype method not starting with `_`.
function findTransaction(contract: Contract, fn: string): TransactionMetadata | undefined {
  const reflect = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
  const declared = (reflect.getMetadata('fabric:transactions', contract) ?? []) as TransactionMetadata[];
  if (declared.length > 0) {
    return declared.find((tx) => tx.name === fn);
  }
  const own = Object.getOwnPropertyNames(Object.getPrototypeOf(contract));
  const method = (contract as unknown as Record<string, unknown>)[fn];
  return own.includes(fn) && fn !== 'constructor' && !fn.startsWith('_') && typeof method === 'function'
    ? { name: fn }
    : undefined;
}

// fabric-contract-api's JSONSerializer: primitives as text, objects as JSON, nothing as empty.
function toWire(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('utf8');
  }
  return JSON.stringify(value);
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function encodeTransient(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return value;
  }
  return Buffer.from(typeof value === 'string' ? value : canonicalJson(value), 'utf8');
}

function apply(map: Map<string, Uint8Array>, key: string, value: Uint8Array | undefined): void {
  if (value === undefined) {
    map.delete(key);
  } else {
    map.set(key, value);
  }
}

function parseIso(iso: string): number {
  const millis = isoToMillis(iso);
  if (millis === undefined) {
    throw new Error(`FakeLedger: not an RFC 3339 UTC timestamp: ${iso}`);
  }
  return millis;
}

const noop = (): void => undefined;
const silentLogger = new Proxy({}, { get: () => noop }) as ReturnType<Context['logging']['getLogger']>;
