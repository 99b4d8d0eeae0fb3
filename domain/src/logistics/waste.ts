/**
 * Waste manifests (logistics chaincode, `waste` contract): collection, transfer to a
 * facility, and processing, with the weights the mass balance checks.
 *
 * @example
 * ```ts
 * const input = parseJson(CollectionInput, raw, 'manifest');   // INVALID_ARGUMENT: manifest.collectedKg must be at least 0.001
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { Enum, Id, Timestamp } from '../schemas';
import { LocationUrn } from './epcis';

/** Heaviest weight of one manifest, kg. */
export const MAX_MANIFEST_KG = 1_000_000;

/** A manifest's stages, in order. */
export const WASTE_STAGES = ['COLLECTED', 'TRANSFERRED', 'PROCESSED'] as const;
export const WasteStage = Enum(WASTE_STAGES);
export type WasteStage = Static<typeof WasteStage>;

/** Waste streams. */
export const WASTE_TYPES = ['mixed_municipal', 'recyclables', 'organic', 'bulky', 'construction', 'hazardous'] as const;
export const WasteType = Enum(WASTE_TYPES);
export type WasteType = Static<typeof WasteType>;

/** A weight in kg of at least `minimum`. */
const Kg = (minimum: number) => Type.Number({ minimum, maximum: MAX_MANIFEST_KG });

/** The `manifestJson` argument of recordCollection. */
export const CollectionInput = Type.Object(
  { id: Id, wasteType: WasteType, collectionPoint: LocationUrn, collectedKg: Kg(0.001), vehicleId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type CollectionInput = Static<typeof CollectionInput>;

/** The `transferJson` argument of recordTransfer. */
export const TransferInput = Type.Object({ facilityId: Id, transferredKg: Kg(0.001) }, { additionalProperties: false });
export type TransferInput = Static<typeof TransferInput>;

/** The `processingJson` argument of recordProcessing. */
export const ProcessingInput = Type.Object({ processedKg: Kg(0), residueKg: Kg(0) }, { additionalProperties: false });
export type ProcessingInput = Static<typeof ProcessingInput>;

/** A waste manifest: what was collected, transferred and processed, and when. */
export const WasteManifest = Type.Object(
  {
    ...CollectionInput.properties,
    stage: WasteStage,
    collectedAt: Timestamp,
    facilityId: Type.Optional(Id),
    transferredKg: Type.Optional(Type.Number()),
    transferredAt: Type.Optional(Timestamp),
    processedKg: Type.Optional(Type.Number()),
    residueKg: Type.Optional(Type.Number()),
    balanceDeviation: Type.Optional(Type.Number({ description: '(processed + residue - transferred) / transferred' })),
    processedAt: Type.Optional(Timestamp),
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type WasteManifest = Static<typeof WasteManifest>;

/** One committed version of a manifest. */
export const WasteManifestVersion = Type.Object({ txId: Type.String(), timestamp: Type.String(), manifest: WasteManifest }, { additionalProperties: false });
export type WasteManifestVersion = Static<typeof WasteManifestVersion>;
