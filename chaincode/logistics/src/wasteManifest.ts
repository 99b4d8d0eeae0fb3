/**
 * The rules of a waste-collection manifest: its stages and the mass balance (the record is
 * declared once, in @city-ledger/domain, logistics/waste).
 *
 * Stages (out of order -> CONFLICT): COLLECTED -> TRANSFERRED -> PROCESSED.
 *
 * Mass balance (FAILED_PRECONDITION when broken, because the stored manifest does not allow
 * the reported weights):
 * - at transfer, the transferred weight may not exceed the collected weight by more than the
 *   tolerance (losses such as drained water are allowed);
 * - at processing, processed + residue must equal the transferred (= received) weight within
 *   {@link MASS_BALANCE_TOLERANCE} of the transferred weight.
 *
 * @example
 * ```ts
 * checkMassBalance('W-1', manifest.transferredKg, processedKg, residueKg);   // throws or returns the deviation
 * ```
 */
import { conflict, failedPrecondition } from '@city-ledger/chaincode-common';
import type { WasteManifest, WasteStage } from '@city-ledger/domain';

export {
  MAX_MANIFEST_KG,
  WASTE_STAGES,
  WASTE_TYPES,
  type WasteManifest,
  type WasteManifestVersion,
  type WasteStage,
} from '@city-ledger/domain';

/** Allowed relative deviation of the mass balance: 2 %. */
export const MASS_BALANCE_TOLERANCE = 0.02;

/** CONFLICT unless the manifest is at `expected` (the stage before `action`). */
export function requireStage(manifest: WasteManifest, expected: WasteStage, action: string): void {
  if (manifest.stage !== expected) {
    throw conflict(`manifest ${manifest.id} is ${manifest.stage}; ${action} needs ${expected}`);
  }
}

/** FAILED_PRECONDITION when more weight is transferred than collected (beyond the tolerance). */
export function checkTransferWeight(id: string, collectedKg: number, transferredKg: number): void {
  if (transferredKg > collectedKg * (1 + MASS_BALANCE_TOLERANCE)) {
    throw failedPrecondition(
      `manifest ${id}: transferred weight ${transferredKg} kg exceeds collected weight ${collectedKg} kg by more than ${MASS_BALANCE_TOLERANCE * 100}%`,
    );
  }
}

/** Returns the relative deviation, or throws FAILED_PRECONDITION when it exceeds the tolerance. */
export function checkMassBalance(id: string, transferredKg: number, processedKg: number, residueKg: number): number {
  const outKg = processedKg + residueKg;
  const deviation = transferredKg === 0 ? (outKg === 0 ? 0 : 1) : (outKg - transferredKg) / transferredKg;
  if (Math.abs(deviation) > MASS_BALANCE_TOLERANCE + 1e-12) {
    throw failedPrecondition(
      `manifest ${id}: mass balance failed: processed + residue = ${outKg} kg but ${transferredKg} kg were received (tolerance ${MASS_BALANCE_TOLERANCE * 100}%)`,
    );
  }
  return Math.round(deviation * 1e6) / 1e6;
}
