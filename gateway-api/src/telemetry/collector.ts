/**
 * The telemetry collector: it accepts device-signed readings at a high rate, checks each with
 * the domain's acceptance rule (the same the devices chaincode applies) against a cached copy
 * of the device registry, keeps them off-chain ({@link ReadingStore}), and every `intervalMs`
 * anchors the readings not yet anchored as one `telemetry:anchorBatch` transaction of the
 * devices chaincode: Merkle root, count and per-device ranges. After that, any of them has an
 * inclusion proof ({@link TelemetryCollector.proof}) checkable against the anchored root.
 *
 * Readings of one request are checked in order and stored in one SQLite transaction; each is
 * accepted or refused on its own, with the chaincode's code. The collector anchors as
 * `settings.user`, an officer of a department holding `devices`.
 *
 * @example
 * ```ts
 * const collector = new TelemetryCollector({ database, ledger, logger, orgName: 'PublicWorks', settings: { user: 'officer1', intervalMs: 5000 } });
 * collector.start();
 * await collector.accept(signedReadings);    // { accepted: 500, refused: [] }
 * await collector.proof('MTR-1', 42);        // after the next anchor
 * ```
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from 'pino';
import {
  acceptReading,
  canonicalJson,
  ChaincodeError,
  isoToMillis,
  merkleProof,
  merkleRoot,
  parseChaincodeError,
  leafHashOf,
  Role,
  type BatchDeviceRange,
  type ErrorCode,
  type ReadingCursor,
  type ReadingProof,
  type SignedDeviceReading,
  type TelemetryBatch,
} from '@city-ledger/domain';
import type { Principal } from '../auth/principal';
import { HttpProblem } from '../errors';
import type { LedgerClient } from '../fabric/ledgerClient';
import { LedgerError } from '../fabric/ledgerError';
import { DeviceCache } from './deviceCache';
import { ReadingStore, type StoredBatch, type StoredReading } from './readingStore';
import { SignaturePool } from './signaturePool';

/** Where the collector anchors, and how often. */
export interface TelemetrySettings {
  /** The Fabric identity that anchors batches: an officer of a department holding `devices`. */
  readonly user: string;
  /** Time between anchors (ms). */
  readonly intervalMs: number;
  /** Most readings in one batch (default 100,000). */
  readonly maxBatchReadings?: number;
  /** How long a device is trusted from the cache (default 30 s). */
  readonly deviceTtlMs?: number;
  /** Worker threads that verify signatures (default 0: on the event loop). */
  readonly verifierThreads?: number;
}

export interface TelemetryCollectorOptions {
  readonly database: DatabaseSync;
  readonly ledger: LedgerClient;
  readonly logger: Logger;
  /** The gateway's org name, in batch IDs. */
  readonly orgName: string;
  readonly settings: TelemetrySettings;
  readonly now?: () => number;
}

/** A refused reading of a request: its position and the chaincode's code. */
export interface ReadingRefusal {
  readonly index: number;
  readonly code: ErrorCode;
  readonly detail: string;
}

/** The answer to one request of readings. */
export interface AcceptResult {
  readonly accepted: number;
  readonly refused: readonly ReadingRefusal[];
}

/** A proof, and the anchor transaction it relies on. */
export interface AnchoredProof extends ReadingProof {
  readonly anchor: { readonly txId: string; readonly blockNumber: number };
}

/** What the last anchor took. */
export interface AnchorReport {
  readonly batchId: string;
  readonly count: number;
  /** From the earliest acceptance of a reading in the batch to its anchor's commit (ms). */
  readonly lagMs: number;
}

/** Devices in one batch, as the chaincode allows. */
const MAX_DEVICES_PER_BATCH = 1000;
const DEFAULT_MAX_BATCH_READINGS = 100_000;

/** The chaincode's refusal as an HTTP problem (same code, same status). */
function problemOf(err: ChaincodeError): HttpProblem {
  return new HttpProblem(err.code, err.detail);
}

/** Per device, in order of first appearance: count, seq range and time range. */
function deviceRanges(readings: readonly StoredReading[]): BatchDeviceRange[] {
  const ranges = new Map<string, BatchDeviceRange>();
  const millis = (iso: string) => isoToMillis(iso) as number;
  for (const r of readings) {
    const range = ranges.get(r.deviceId);
    ranges.set(
      r.deviceId,
      range === undefined
        ? { deviceId: r.deviceId, count: 1, firstSeq: r.seq, lastSeq: r.seq, from: r.takenAt, to: r.takenAt }
        : {
            ...range,
            count: range.count + 1,
            firstSeq: Math.min(range.firstSeq, r.seq),
            lastSeq: Math.max(range.lastSeq, r.seq),
            from: millis(r.takenAt) < millis(range.from) ? r.takenAt : range.from,
            to: millis(r.takenAt) > millis(range.to) ? r.takenAt : range.to,
          },
    );
  }
  return [...ranges.values()];
}

export class TelemetryCollector {
  readonly store: ReadingStore;
  private readonly devices: DeviceCache;
  private readonly signatures: SignaturePool;
  private readonly cursors = new Map<string, ReadingCursor | undefined>();
  private readonly principal: Principal;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private anchoring: Promise<AnchorReport | undefined> | undefined;
  private lastAnchor: AnchorReport | undefined;

  constructor(private readonly options: TelemetryCollectorOptions) {
    this.store = new ReadingStore(options.database);
    this.now = options.now ?? Date.now;
    this.principal = { id: 'telemetry-collector', user: options.settings.user, roles: [Role.Officer], via: 'api-key' };
    this.signatures = new SignaturePool(options.settings.verifierThreads ?? 0);
    this.devices = new DeviceCache({
      lookup: (id) => options.ledger.evaluate(this.principal, 'devices', 'devices', 'getDevice', [id]),
      ttlMs: options.settings.deviceTtlMs,
      now: this.now,
    });
  }

  /** Checks and stores `readings`; each is accepted or refused on its own. */
  async accept(readings: readonly SignedDeviceReading[]): Promise<AcceptResult> {
    // Ledger lookups first (they wait); then check and store without yielding, so that two
    // requests for one device cannot both pass the sequence check.
    const ids = [...new Set(readings.map((r) => r.reading.deviceId))];
    const known = new Map(await Promise.all(ids.map(async (id) => [id, await this.devices.get(id)] as const)));
    for (const signed of readings) {
      const device = known.get(signed.reading.deviceId);
      if (device && !device.keys.some((k) => k.keyVersion === signed.keyVersion)) {
        known.set(device.id, await this.devices.get(device.id, { keyVersion: signed.keyVersion }));
      }
    }
    // Signatures are verified in parallel first; the rule below then takes their verdicts.
    const keyOf = (signed: SignedDeviceReading) => known.get(signed.reading.deviceId)?.keys.find((k) => k.keyVersion === signed.keyVersion)?.publicKeyPem;
    const checkable = readings.filter((signed) => keyOf(signed) !== undefined);
    const verdicts = await this.signatures.verify(checkable.map((signed) => [signed, keyOf(signed) as string] as const));
    const verified = new Map(checkable.map((signed, i) => [signed, verdicts[i] === true]));
    const now = this.now();
    const refused: ReadingRefusal[] = [];
    const accepted: StoredReading[] = [];
    const cursors = new Map<string, ReadingCursor | undefined>();
    readings.forEach((signed, index) => {
      const { deviceId, seq, takenAt } = signed.reading;
      try {
        const cursor = cursors.has(deviceId) ? cursors.get(deviceId) : this.cursor(deviceId);
        cursors.set(deviceId, acceptReading(known.get(deviceId), signed, cursor, now, (s) => verified.get(s) === true));
        const canonical = canonicalJson(signed);
        accepted.push({ deviceId, seq, takenAt, signed: canonical, leaf: leafHashOf(canonical), receivedAt: now });
      } catch (err) {
        if (!(err instanceof ChaincodeError)) throw err;
        refused.push({ index, code: err.code, detail: err.detail });
      }
    });
    this.store.insert(accepted);
    for (const [deviceId, cursor] of cursors) this.cursors.set(deviceId, cursor);
    return { accepted: accepted.length, refused };
  }

  /** Anchors every `intervalMs` until {@link stop}. */
  start(): void {
    this.timer ??= setInterval(() => void this.anchorNow(), this.options.settings.intervalMs);
    this.timer.unref();
  }

  /** Stops anchoring; waits for an anchor in progress, and ends the verifier threads. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.anchoring;
    await this.signatures.close();
  }

  /** The last anchor's batch, size and lag, if any. */
  get lastAnchorReport(): AnchorReport | undefined {
    return this.lastAnchor;
  }

  /** Anchors what waits now (one batch); joins an anchor in progress. Never throws: a failure is logged and retried. */
  anchorNow(): Promise<AnchorReport | undefined> {
    this.anchoring ??= this.anchorOnce()
      .catch((err: unknown) => {
        this.options.logger.warn({ err }, 'telemetry anchor failed; retrying at the next interval');
        return undefined;
      })
      .finally(() => {
        this.anchoring = undefined;
      });
    return this.anchoring;
  }

  /** The inclusion proof of a stored reading once its batch is anchored. */
  proof(deviceId: string, seq: number): AnchoredProof {
    const place = this.store.place(deviceId, seq);
    if (!place) throw new HttpProblem('NOT_FOUND', `this collector holds no reading ${deviceId}#${seq}`);
    const batch = place.batchId === undefined ? undefined : this.store.batch(place.batchId);
    if (!batch?.txId || place.leafIndex === undefined) {
      throw problemOf(new ChaincodeError('FAILED_PRECONDITION', `reading ${deviceId}#${seq} is not anchored yet; ask again after the next anchor`));
    }
    const leaves = this.store.leaves(batch.id);
    return {
      batchId: batch.id,
      root: batch.root,
      leafIndex: place.leafIndex,
      leafCount: leaves.length,
      leafHash: leaves[place.leafIndex] as string,
      path: merkleProof(leaves, place.leafIndex),
      signedReading: JSON.parse(place.signed) as SignedDeviceReading,
      anchor: { txId: batch.txId, blockNumber: batch.blockNumber ?? 0 },
    };
  }

  private cursor(deviceId: string): ReadingCursor | undefined {
    if (!this.cursors.has(deviceId)) this.cursors.set(deviceId, this.store.cursor(deviceId));
    return this.cursors.get(deviceId);
  }

  private async anchorOnce(): Promise<AnchorReport | undefined> {
    const batch =
      this.store.unanchoredBatch() ??
      this.store.formBatch((readings, firstRowId) => this.describe(readings, firstRowId), {
        maxReadings: this.options.settings.maxBatchReadings ?? DEFAULT_MAX_BATCH_READINGS,
        maxDevices: MAX_DEVICES_PER_BATCH,
      });
    if (!batch) return undefined;
    const { txId, blockNumber } = await this.submit(batch);
    const anchoredAt = this.now();
    this.store.markAnchored(batch.id, txId, blockNumber, anchoredAt);
    this.lastAnchor = { batchId: batch.id, count: batch.count, lagMs: anchoredAt - batch.firstReceivedAt };
    this.options.logger.info({ batchId: batch.id, count: batch.count, txId, blockNumber }, 'telemetry batch anchored');
    return this.lastAnchor;
  }

  private describe(readings: readonly StoredReading[], firstRowId: number): Omit<StoredBatch, 'firstReceivedAt'> {
    // The row number keeps IDs apart within this store; the time, across stores (a new database).
    const id = `TB-${this.options.orgName}-${this.now()}-${firstRowId}`;
    const root = merkleRoot(readings.map((r) => r.leaf));
    const request = canonicalJson({ id, root, count: readings.length, devices: deviceRanges(readings) });
    return { id, request, root, count: readings.length };
  }

  /** Submits the anchor; a batch the ledger already holds with the same root (a crash after commit) counts as anchored. */
  private async submit(batch: StoredBatch): Promise<{ txId: string; blockNumber: number }> {
    const { ledger } = this.options;
    let endorsed;
    try {
      endorsed = await ledger.endorse(this.principal, { chaincode: 'devices', contract: 'telemetry', fn: 'anchorBatch', args: [batch.request] });
    } catch (err) {
      if (err instanceof LedgerError && parseChaincodeError(err.text)?.code === 'CONFLICT') {
        const onLedger = JSON.parse(new TextDecoder().decode(await ledger.evaluate(this.principal, 'devices', 'telemetry', 'getBatch', [batch.id]))) as TelemetryBatch;
        if (onLedger.root === batch.root) return { txId: 'unknown (anchored before a restart)', blockNumber: 0 };
      }
      throw err;
    }
    await ledger.submit(this.principal, endorsed.transaction);
    const status = await ledger.commitStatus(this.principal, endorsed.txId);
    if (!status.valid) throw new Error(`anchor ${batch.id} (${endorsed.txId}) committed as ${status.validationCode}`);
    return { txId: endorsed.txId, blockNumber: Number(status.blockNumber) };
  }
}
