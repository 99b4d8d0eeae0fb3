/**
 * `telemetry` contract: anchors of telemetry batches. The gateway's collector verifies
 * device-signed readings as they arrive, keeps them off-chain, and every interval anchors the
 * batch here in one transaction: the Merkle root over the batch's readings (domain
 * devices/merkle.ts), the count, and per device the count, sequence range and time range.
 * Anyone holding a reading and its proof checks it against the root `getBatch` returns.
 *
 * Checks: the per-device counts add up to `count`, `firstSeq <= lastSeq`, a device has no more
 * readings than seqs in its range, `from <= to`, nothing after the transaction time
 * (INVALID_ARGUMENT); every device is registered (NOT_FOUND); a device's range starts above the
 * last seq anchored for it, and the batch ID is new (CONFLICT). Event: TelemetryBatchAnchored.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  conflict,
  emitEvent,
  invalidArgument,
  isoToMillis,
  keyFor,
  readJson,
  requireAbsent,
  requireGrant,
  requireId,
  tryReadJson,
  txTimeMillis,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { parseJson, TelemetryBatchInput, type BatchDeviceRange, type TelemetryBatch } from '@city-ledger/domain';
import { departmentName, loadDevice } from './deviceState';
import { ANCHOR_GRANTS } from './roles';

/** What the ledger remembers of a device's anchored telemetry. */
interface AnchorCursor {
  lastSeq: number;
  batchId: string;
}

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class TelemetryContext extends Context {}

const millis = (iso: string): number => isoToMillis(iso) as number;

/** INVALID_ARGUMENT unless one device's range is consistent in itself and not in the future. */
function checkRange(range: BatchDeviceRange, nowMillis: number): void {
  const { deviceId, count, firstSeq, lastSeq, from, to } = range;
  if (firstSeq > lastSeq || count > lastSeq - firstSeq + 1) {
    throw invalidArgument(`batch device ${deviceId}: ${count} readings do not fit seq ${firstSeq}..${lastSeq}`);
  }
  if (millis(from) > millis(to)) {
    throw invalidArgument(`batch device ${deviceId}: from must not be after to`);
  }
  if (millis(to) > nowMillis) {
    throw invalidArgument(`batch device ${deviceId}: readings from the future (to ${to})`);
  }
}

@Info({ title: 'Telemetry', description: 'Merkle-root anchors of off-chain batches of device-signed readings' })
export class TelemetryContract extends CityContract {
  constructor() {
    super('telemetry');
  }

  override createContext(): TelemetryContext {
    return new TelemetryContext();
  }

  /**
   * Anchors a batch. `batchJson`: `{id, root, count, devices: [{deviceId, count, firstSeq,
   * lastSeq, from, to}]}` (1..1000 devices). Event: TelemetryBatchAnchored.
   */
  @Transaction()
  @Returns('TelemetryBatch')
  async anchorBatch(ctx: TelemetryContext, batchJson: string) {
    const who = requireGrant(ctx, ANCHOR_GRANTS);
    const input = parseJson(TelemetryBatchInput, batchJson, 'batch');
    const ids = input.devices.map((d) => d.deviceId);
    if (new Set(ids).size !== ids.length) {
      throw invalidArgument('batch.devices must name each device once');
    }
    if (input.devices.reduce((sum, d) => sum + d.count, 0) !== input.count) {
      throw invalidArgument('batch.count must equal the sum of the device counts');
    }
    const now = txTimeMillis(ctx);
    input.devices.forEach((range) => checkRange(range, now));
    const key = keyFor(ctx, 'telemetryBatch', input.id);
    await requireAbsent(ctx, key, 'batch');
    for (const range of input.devices) {
      await loadDevice(ctx, range.deviceId);
      const cursorKey = keyFor(ctx, 'anchorCursor', range.deviceId);
      const cursor = await tryReadJson<AnchorCursor>(ctx, cursorKey);
      if (cursor && range.firstSeq <= cursor.lastSeq) {
        throw conflict(`device ${range.deviceId}: seq ${range.firstSeq} is already anchored (batch ${cursor.batchId} reached ${cursor.lastSeq})`);
      }
      await writeJson(ctx, cursorKey, { lastSeq: range.lastSeq, batchId: input.id } satisfies AnchorCursor);
    }
    const froms = input.devices.map((d) => d.from).sort((a, b) => millis(a) - millis(b));
    const tos = input.devices.map((d) => d.to).sort((a, b) => millis(a) - millis(b));
    const anchoredAt = txTimestamp(ctx);
    const batch: TelemetryBatch = {
      ...input,
      from: froms[0] as string,
      to: tos[tos.length - 1] as string,
      anchoredBy: departmentName(who.msp),
      anchoredAt,
    };
    await writeJson(ctx, key, batch);
    emitEvent(ctx, 'TelemetryBatchAnchored', {
      batchId: batch.id,
      root: batch.root,
      count: batch.count,
      devices: batch.devices.length,
      from: batch.from,
      to: batch.to,
      txTime: anchoredAt,
    });
    return batch;
  }

  /** An anchored batch. Any channel member. */
  @Transaction(false)
  @Returns('TelemetryBatch')
  async getBatch(ctx: TelemetryContext, batchId: string) {
    return readJson<TelemetryBatch>(ctx, keyFor(ctx, 'telemetryBatch', requireId(batchId, 'batchId')), 'batch');
  }
}
