/**
 * Who may hold each kind of private data, taken from the consortium descriptor of the org files
 * (../consortium.ts: the one the chaincode's guards run with), so no route restates an MSP ID.
 *
 * Private writes send personal data as transient data and limit endorsement to these orgs, so
 * the data reaches member peers only. Private reads are refused at the route when this
 * gateway's org is not a member (defence in depth: the chaincode refuses them too).
 *
 * @example
 * ```ts
 * transact({ ..., transient: { owner }, endorsingOrganizations: PrivateData.propertyOwners }, respond);
 * requireMember(mspId, PrivateData.propertyOwners, 'owner details');   // 403 for non-members
 * handler: property.evaluate('getOwnerDetails', ({ params }) => [params.id], membersOnly(PrivateData.propertyOwners, 'owner details')),
 * ```
 */
import {
  departmentCollection,
  departmentsWith,
  EnergyCollection,
  ISSUANCE_RULES,
  LogisticsCollection,
  RecordsCollection,
  remitsOf,
  type CredentialType,
} from '@city-ledger/domain';
import { CONSORTIUM } from '../consortium';
import { Problems } from '../errors';

const membersOf = (collection: string): readonly string[] => CONSORTIUM.collections[collection]?.members ?? [];

/** Member orgs of the collections whose data the routes write or read. */
export const PrivateData = {
  /** Title holders' personal data (records `registryPropertyOwners`). */
  propertyOwners: membersOf(RecordsCollection.PropertyOwners),
  /** Birth and marriage certificates' details and salts. */
  vitalRecords: membersOf(RecordsCollection.VitalRecords),
  /** Death certificates' details and salts. */
  deathRecords: membersOf(RecordsCollection.DeathRecords),
  /** Causes of death. */
  deathCauses: membersOf(RecordsCollection.DeathCauses),
  /** Permit applicants' contact data. */
  permitApplicants: membersOf(RecordsCollection.PermitApplicants),
  /** Building-material supplier terms (logistics). */
  supplierTerms: membersOf(LogisticsCollection.SupplierTerms),
  /** Households' market positions and energy-credit accounts (energy). */
  energyPositions: membersOf(EnergyCollection.Positions),
} as const;

/** Members of the citizen collection of department `mspId` (its own); empty for the Auditor. */
export function citizenDataOrgs(mspId: string): readonly string[] {
  const collection = departmentCollection(CONSORTIUM, mspId);
  return collection === undefined ? [] : membersOf(collection);
}

/**
 * The org whose peers get a credential's claims: the caller's own when it holds the type's
 * remit (it is the issuer), otherwise the departments that do (the chaincode then refuses).
 */
export function credentialIssuerOrgs(type: CredentialType, mspId: string): readonly string[] {
  const remit = ISSUANCE_RULES[type].issuerRemit;
  return remitsOf(CONSORTIUM, mspId).includes(remit) ? [mspId] : departmentsWith(CONSORTIUM, [remit]);
}

/** Throws 403 FORBIDDEN unless `mspId` is one of `members`, before anything reaches the ledger. */
export function requireMember(mspId: string, members: readonly string[], what: string): void {
  if (!members.includes(mspId)) {
    throw Problems.forbidden(`${mspId} is not a member of the collection holding ${what}`);
  }
}

/** A guard for a private read: 403 on the gateway of a non-member org, before the ledger is asked. */
export function membersOnly(members: readonly string[], what: string): (ctx: { readonly mspId: string }) => void {
  return ({ mspId }) => requireMember(mspId, members, what);
}
