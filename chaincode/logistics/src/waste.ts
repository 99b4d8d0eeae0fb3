/**
 * `waste` contract: waste-collection manifests, collection -> transfer -> processing, with
 * weights in kg and a mass-balance check at processing (see wasteManifest.ts).
 *
 * Writers: PublicWorks officers only (crews, transfer stations and processing plants are all
 * PublicWorks). Readers: every channel member, including the Auditor.
 *
 * Endorsement: every write of a manifest sets its key-level policy to the PublicWorks peer
 * (`wasteMsps`), so no other department's peer can endorse a stage or weight change.
 */
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import './components';
import {
  CityContract,
  emitEvent,
  getHistory,
  keyFor,
  notFound,
  readJson,
  requireKeyEndorsers,
  requireAbsent,
  requireId,
  requireWriter,
  txTimestamp,
  writeJson,
} from '@city-ledger/chaincode-common';
import { CollectionInput, parseJson, ProcessingInput, TransferInput } from '@city-ledger/domain';
import { wasteMsps, WASTE_ROLES } from './roles';
import {
  checkMassBalance,
  checkTransferWeight,
  requireStage,
  type WasteManifest,
  type WasteManifestVersion,
} from './wasteManifest';

function manifestKey(ctx: WasteContext, id: string): string {
  return keyFor(ctx, 'wasteManifest', id);
}

/** Writes the manifest and ties its key to the PublicWorks peer (the only waste writer org). */
async function saveManifest(ctx: WasteContext, manifest: WasteManifest): Promise<void> {
  const key = manifestKey(ctx, manifest.id);
  await writeJson(ctx, key, manifest);
  await requireKeyEndorsers(ctx, key, wasteMsps());
}

/**
 * The contract's transaction context. Declared in this file so that the decorator metadata
 * (`design:paramtypes`) names it directly: fabric-contract-api recognises the context
 * parameter by `createContext().constructor`.
 */
export class WasteContext extends Context {}

@Info({ title: 'Waste', description: 'Waste-collection manifests: collection, transfer, processing with mass balance' })
export class WasteContract extends CityContract {
  constructor() {
    super('waste');
  }

  override createContext(): WasteContext {
    return new WasteContext();
  }

  /**
   * Opens a manifest at collection. `manifestJson`:
   * `{id, wasteType, collectionPoint (SGLN URN), collectedKg (> 0), vehicleId?}`. Event: WasteCollected.
   */
  @Transaction()
  @Returns('WasteManifest')
  async recordCollection(ctx: WasteContext, manifestJson: string) {
    requireWriter(ctx, wasteMsps(), WASTE_ROLES);
    const input = parseJson(CollectionInput, manifestJson, 'manifest');
    const key = manifestKey(ctx, input.id);
    await requireAbsent(ctx, key, 'manifest');
    const now = txTimestamp(ctx);
    const manifest: WasteManifest = { ...input, stage: 'COLLECTED', collectedAt: now, updatedAt: now };
    await saveManifest(ctx, manifest);
    emitEvent(ctx, 'WasteCollected', { manifestId: input.id, stage: manifest.stage, collectedKg: input.collectedKg, txTime: now });
    return manifest;
  }

  /**
   * Hands the load to a facility: COLLECTED -> TRANSFERRED. `transferJson`:
   * `{facilityId, transferredKg}`. Event: WasteTransferred.
   */
  @Transaction()
  @Returns('WasteManifest')
  async recordTransfer(ctx: WasteContext, manifestId: string, transferJson: string) {
    requireWriter(ctx, wasteMsps(), WASTE_ROLES);
    const id = requireId(manifestId, 'manifestId');
    const input = parseJson(TransferInput, transferJson, 'transfer');
    const manifest = await readJson<WasteManifest>(ctx, manifestKey(ctx, id), 'manifest');
    requireStage(manifest, 'COLLECTED', 'recordTransfer');
    checkTransferWeight(id, manifest.collectedKg, input.transferredKg);
    const now = txTimestamp(ctx);
    const next: WasteManifest = { ...manifest, ...input, stage: 'TRANSFERRED', transferredAt: now, updatedAt: now };
    await saveManifest(ctx, next);
    emitEvent(ctx, 'WasteTransferred', {
      manifestId: id,
      stage: next.stage,
      facilityId: input.facilityId,
      transferredKg: input.transferredKg,
      txTime: now,
    });
    return next;
  }

  /**
   * Records processing: TRANSFERRED -> PROCESSED. `processingJson`: `{processedKg, residueKg}`;
   * processed + residue must equal the transferred weight within 2 %. Event: WasteProcessed.
   */
  @Transaction()
  @Returns('WasteManifest')
  async recordProcessing(ctx: WasteContext, manifestId: string, processingJson: string) {
    requireWriter(ctx, wasteMsps(), WASTE_ROLES);
    const id = requireId(manifestId, 'manifestId');
    const input = parseJson(ProcessingInput, processingJson, 'processing');
    const manifest = await readJson<WasteManifest>(ctx, manifestKey(ctx, id), 'manifest');
    requireStage(manifest, 'TRANSFERRED', 'recordProcessing');
    const balanceDeviation = checkMassBalance(id, manifest.transferredKg as number, input.processedKg, input.residueKg);
    const now = txTimestamp(ctx);
    const next: WasteManifest = { ...manifest, ...input, balanceDeviation, stage: 'PROCESSED', processedAt: now, updatedAt: now };
    await saveManifest(ctx, next);
    emitEvent(ctx, 'WasteProcessed', { manifestId: id, stage: next.stage, ...input, balanceDeviation, txTime: now });
    return next;
  }

  /** A manifest's current state. Any channel member. */
  @Transaction(false)
  @Returns('WasteManifest')
  async getManifest(ctx: WasteContext, manifestId: string) {
    return readJson<WasteManifest>(ctx, manifestKey(ctx, requireId(manifestId, 'manifestId')), 'manifest');
  }

  /** Every committed version of a manifest, newest first. Any channel member. */
  @Transaction(false)
  @Returns('WasteManifestVersion[]')
  async getManifestHistory(ctx: WasteContext, manifestId: string) {
    const id = requireId(manifestId, 'manifestId');
    const history = await getHistory<WasteManifest>(ctx, manifestKey(ctx, id));
    if (history.length === 0) {
      throw notFound('manifest', id);
    }
    // Manifests are never deleted, so every version has a value.
    return history.map((entry): WasteManifestVersion => ({ txId: entry.txId, timestamp: entry.timestamp, manifest: entry.value as WasteManifest }));
  }
}

