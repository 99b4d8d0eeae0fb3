/**
 * Names of the records chaincode's private data collections. Their members are declared by
 * remit in chaincode/chaincodes.yaml (a unit test checks the names match); the chaincode writes
 * and guards them, and the gateway sends private data only to their members' peers.
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, RecordsCollection.PropertyOwners, key, owner);
 * ```
 */
export const RecordsCollection = {
  /** Owners' personal data (name, address, contact), keyed by pseudonymous owner ID. */
  PropertyOwners: 'registryPropertyOwners',
  /** Birth and marriage certificates' personal data and salts. */
  VitalRecords: 'registryVitalRecords',
  /** Death certificates' personal data and salts (Registry and Health both register deaths). */
  DeathRecords: 'registryHealthDeathRecords',
  /** Cause and manner of death: medical data, kept apart from the certificate data. */
  DeathCauses: 'registryHealthDeathCauses',
  /** Permit applicants' contact data: needed only while a permit is processed, then purged. */
  PermitApplicants: 'registryPublicWorksPermitApplicants',
} as const;

/** One of the records collection names. */
export type RecordsCollectionName = (typeof RecordsCollection)[keyof typeof RecordsCollection];
