/**
 * Where vital records live in world state. What a record is (public part, private data,
 * certificate hash) is declared once, in @city-ledger/domain (records/vital). By design the
 * public part holds ONLY the ID, type, status, issuing department and a salted hash of the
 * certificate; everything personal is in a private collection (see vitalDetails.ts).
 *
 * @example
 * ```ts
 * const record = await readJson<VitalRecord>(ctx, vitalKey(ctx, 'B-1'), 'vital record');
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { keyFor } from '@city-ledger/chaincode-common';

export type { VitalRecord, VitalStatus, VitalType } from '@city-ledger/domain';

/** World-state key of vital record `id`; the private data uses the same key in its collection. */
export function vitalKey(ctx: Context, id: string): string {
  return keyFor(ctx, 'vital', id);
}
