/**
 * The collector's off-chain store of device-signed readings, in the gateway's SQLite file.
 * A reading is kept with its Merkle leaf; when a batch is formed its readings get the batch ID
 * and their leaf positions, and once `anchorBatch` commits the batch records its transaction.
 * A batch formed but not yet committed (a crash, a lost peer) is submitted again as it was.
 *
 * @example
 * ```ts
 * const store = new ReadingStore(database);
 * store.insert([{ deviceId, seq, takenAt, signed, leaf, receivedAt }]);
 * const batch = store.formBatch('TB-1', { maxReadings: 50_000, maxDevices: 1000 });
 * ```
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ReadingCursor } from '@city-ledger/domain';
import { schemaVersion } from '../store/database';

/** One accepted reading, as stored. */
export interface StoredReading {
  readonly deviceId: string;
  readonly seq: number;
  readonly takenAt: string;
  /** Canonical JSON of the SignedDeviceReading. */
  readonly signed: string;
  /** Its Merkle leaf hash (hex). */
  readonly leaf: string;
  /** When the collector accepted it (ms). */
  readonly receivedAt: number;
}

/** A batch: its readings' leaves in order, and where it stands. */
export interface StoredBatch {
  readonly id: string;
  /** The anchorBatch argument (canonical JSON). */
  readonly request: string;
  readonly root: string;
  readonly count: number;
  /** Earliest acceptance time of its readings (ms). */
  readonly firstReceivedAt: number;
  readonly txId?: string;
  readonly blockNumber?: number;
  /** When the collector saw the anchor commit (ms). */
  readonly anchoredAt?: number;
}

/** Where a reading sits in its batch. */
export interface ReadingPlace {
  readonly signed: string;
  readonly batchId?: string;
  readonly leafIndex?: number;
}

interface BatchRow {
  id: string;
  request: string;
  root: string;
  count: number;
  first_received_at: number;
  tx_id: string | null;
  block_number: number | null;
  anchored_at: number | null;
}

const toBatch = (row: BatchRow): StoredBatch => ({
  id: row.id,
  request: row.request,
  root: row.root,
  count: row.count,
  firstReceivedAt: row.first_received_at,
  ...(row.tx_id !== null ? { txId: row.tx_id } : {}),
  ...(row.block_number !== null ? { blockNumber: row.block_number } : {}),
  ...(row.anchored_at !== null ? { anchoredAt: row.anchored_at } : {}),
});

export class ReadingStore {
  private readonly insertReading: StatementSync;
  private readonly lastOfDevice: StatementSync;

  constructor(private readonly database: DatabaseSync) {
    schemaVersion(database, 'telemetry', 1);
    database.exec(`
      CREATE TABLE IF NOT EXISTS telemetry_readings (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        taken_at TEXT NOT NULL,
        signed TEXT NOT NULL,
        leaf TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        batch_id TEXT,
        leaf_index INTEGER,
        UNIQUE (device_id, seq)
      );
      CREATE INDEX IF NOT EXISTS telemetry_readings_batch ON telemetry_readings (batch_id, leaf_index);
      CREATE TABLE IF NOT EXISTS telemetry_batches (
        id TEXT PRIMARY KEY,
        request TEXT NOT NULL,
        root TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_received_at INTEGER NOT NULL,
        tx_id TEXT,
        block_number INTEGER,
        anchored_at INTEGER
      );`);
    this.insertReading = database.prepare(
      'INSERT INTO telemetry_readings (device_id, seq, taken_at, signed, leaf, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.lastOfDevice = database.prepare('SELECT seq, taken_at FROM telemetry_readings WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
  }

  /** Stores accepted readings in one transaction. */
  insert(readings: readonly StoredReading[]): void {
    this.inTransaction(() => {
      for (const r of readings) this.insertReading.run(r.deviceId, r.seq, r.takenAt, r.signed, r.leaf, r.receivedAt);
    });
  }

  /** The cursor of the device's last stored reading, if any. */
  cursor(deviceId: string): ReadingCursor | undefined {
    const row = this.lastOfDevice.get(deviceId) as { seq: number; taken_at: string } | undefined;
    return row ? { lastSeq: row.seq, lastTakenAt: row.taken_at } : undefined;
  }

  /** The batch formed but not yet anchored, if any (it is submitted again before a new one forms). */
  unanchoredBatch(): StoredBatch | undefined {
    const row = this.database.prepare('SELECT * FROM telemetry_batches WHERE tx_id IS NULL ORDER BY rowid LIMIT 1').get() as BatchRow | undefined;
    return row ? toBatch(row) : undefined;
  }

  /**
   * The oldest readings not in a batch, at most `maxReadings` of at most `maxDevices` devices,
   * in arrival order; `build` turns them (and the first one's row number, unique in this store)
   * into the batch, and they are assigned to it with their
   * leaf positions. Undefined when nothing waits.
   */
  formBatch(build: (readings: readonly StoredReading[], firstRowId: number) => Omit<StoredBatch, 'firstReceivedAt'>, limits: { maxReadings: number; maxDevices: number }): StoredBatch | undefined {
    const rows = this.database
      .prepare('SELECT id, device_id, seq, taken_at, signed, leaf, received_at FROM telemetry_readings WHERE batch_id IS NULL ORDER BY id LIMIT ?')
      .all(limits.maxReadings) as { id: number; device_id: string; seq: number; taken_at: string; signed: string; leaf: string; received_at: number }[];
    const devices = new Set<string>();
    const chosen: typeof rows = [];
    for (const row of rows) {
      if (!devices.has(row.device_id) && devices.size === limits.maxDevices) continue;
      devices.add(row.device_id);
      chosen.push(row);
    }
    if (chosen.length === 0) return undefined;
    const readings = chosen.map((r) => ({ deviceId: r.device_id, seq: r.seq, takenAt: r.taken_at, signed: r.signed, leaf: r.leaf, receivedAt: r.received_at }));
    const batch: StoredBatch = { ...build(readings, (chosen[0] as { id: number }).id), firstReceivedAt: Math.min(...readings.map((r) => r.receivedAt)) };
    const assign = this.database.prepare('UPDATE telemetry_readings SET batch_id = ?, leaf_index = ? WHERE id = ?');
    this.inTransaction(() => {
      this.database
        .prepare('INSERT INTO telemetry_batches (id, request, root, count, first_received_at) VALUES (?, ?, ?, ?, ?)')
        .run(batch.id, batch.request, batch.root, batch.count, batch.firstReceivedAt);
      chosen.forEach((row, index) => assign.run(batch.id, index, row.id));
    });
    return batch;
  }

  /** Records the anchor transaction of a batch. */
  markAnchored(batchId: string, txId: string, blockNumber: number, anchoredAt: number): void {
    this.database.prepare('UPDATE telemetry_batches SET tx_id = ?, block_number = ?, anchored_at = ? WHERE id = ?').run(txId, blockNumber, anchoredAt, batchId);
  }

  /** A batch, anchored or not. */
  batch(batchId: string): StoredBatch | undefined {
    const row = this.database.prepare('SELECT * FROM telemetry_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
    return row ? toBatch(row) : undefined;
  }

  /** A reading and, once batched, its batch and leaf position. */
  place(deviceId: string, seq: number): ReadingPlace | undefined {
    const row = this.database.prepare('SELECT signed, batch_id, leaf_index FROM telemetry_readings WHERE device_id = ? AND seq = ?').get(deviceId, seq) as
      | { signed: string; batch_id: string | null; leaf_index: number | null }
      | undefined;
    if (!row) return undefined;
    return { signed: row.signed, ...(row.batch_id !== null ? { batchId: row.batch_id } : {}), ...(row.leaf_index !== null ? { leafIndex: row.leaf_index } : {}) };
  }

  /** The leaves of a batch, in leaf order. */
  leaves(batchId: string): string[] {
    const rows = this.database.prepare('SELECT leaf FROM telemetry_readings WHERE batch_id = ? ORDER BY leaf_index').all(batchId) as { leaf: string }[];
    return rows.map((row) => row.leaf);
  }

  private inTransaction(body: () => void): void {
    this.database.exec('BEGIN');
    try {
      body();
      this.database.exec('COMMIT');
    } catch (err) {
      this.database.exec('ROLLBACK');
      throw err;
    }
  }
}
