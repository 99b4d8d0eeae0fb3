/**
 * Who may hold each kind of private data, taken from the chaincode packages' own collection
 * definitions (the modules their guards use and their tests check collections_config.json
 * against), so no route restates an MSP ID. They are imported through the packages'
 * `./collections` entry points, which load no contract (and no fabric-contract-api logging).
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
import { citizenCollectionOf, COLLECTION_MEMBERS as IDENTITY_MEMBERS } from '@city-ledger/chaincode-identity/collections';
import { ISSUANCE_RULES, type CredentialType } from '@city-ledger/chaincode-identity/credentialTypes';
import { Collections as LogisticsCollection, COLLECTION_MEMBERS as LOGISTICS_MEMBERS } from '@city-ledger/chaincode-logistics/collections';
import { Collection as RecordsCollection, COLLECTION_SPECS as RECORDS_SPECS } from '@city-ledger/chaincode-records/collections';
import { Problems } from '../errors';

const recordsMembers = (collection: keyof typeof RECORDS_SPECS): readonly string[] => RECORDS_SPECS[collection].members;

/** Member orgs of the collections whose data the routes write or read. */
export const PrivateData = {
  /** Title holders' personal data (records `registryPropertyOwners`). */
  propertyOwners: recordsMembers(RecordsCollection.PropertyOwners),
  /** Birth and marriage certificates' details and salts. */
  vitalRecords: recordsMembers(RecordsCollection.VitalRecords),
  /** Death certificates' details and salts. */
  deathRecords: recordsMembers(RecordsCollection.DeathRecords),
  /** Causes of death. */
  deathCauses: recordsMembers(RecordsCollection.DeathCauses),
  /** Permit applicants' contact data. */
  permitApplicants: recordsMembers(RecordsCollection.PermitApplicants),
  /** Building-material supplier terms (logistics). */
  supplierTerms: LOGISTICS_MEMBERS[LogisticsCollection.SupplierTerms] ?? [],
} as const;

/** Members of the citizen collection of department `mspId` (its own); empty for the Auditor. */
export function citizenDataOrgs(mspId: string): readonly string[] {
  const collection = citizenCollectionOf(mspId);
  return collection === undefined ? [] : (IDENTITY_MEMBERS[collection] ?? []);
}

/** The org that issues credentials of `type`: a credential's claims go to its peers only. */
export function credentialIssuerOrgs(type: CredentialType): readonly string[] {
  return [ISSUANCE_RULES[type].issuerMsp];
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
