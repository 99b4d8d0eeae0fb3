import { Msp, FakeLedger, type FakeCaller, FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';
// Test fixtures shared by the identity unit tests (not compiled into dist: see tsconfig.json).
// The FakeLedger import comes first so that fabric-contract-api logging is quiet.
import { departmentsWith, Role } from '@city-ledger/chaincode-common';
import { CitizensContract } from '../citizensContract';
import type { CredentialDocument } from '../credentialDocument';
import { CREDENTIAL_TRANSIENT_FIELD, CredentialsContract } from '../credentialsContract';
import { ISSUANCE_RULES, type CredentialType } from '@city-ledger/domain';
import { StatusListsContract } from '../statusListsContract';

export const citizens = new CitizensContract();
export const credentials = new CredentialsContract();
export const statusLists = new StatusListsContract();

/** One caller per org and role used in the tests (roles as the org files issue them). */
export const who = {
  registryClerk: { msp: Msp.Registry, role: Role.Clerk, name: 'clerk1' },
  registryRegistrar: { msp: Msp.Registry, role: Role.Registrar, name: 'registrar1' },
  registryNoRole: { msp: Msp.Registry, name: 'norole' },
  healthOfficer: { msp: Msp.Health, role: Role.Officer, name: 'officer1' },
  healthRegistrar: { msp: Msp.Health, role: Role.Registrar, name: 'registrar1' },
  publicWorksOfficer: { msp: Msp.PublicWorks, role: Role.Officer, name: 'officer1' },
  publicWorksInspector: { msp: Msp.PublicWorks, role: Role.Inspector, name: 'inspector1' },
  auditor: { msp: Msp.Auditor, role: Role.Auditor, name: 'auditor1' },
} satisfies Record<string, FakeCaller>;

/** The caller who may issue each credential type. */
export const issuerOf: Record<CredentialType, FakeCaller> = {
  residency: who.registryRegistrar,
  contractorLicence: who.publicWorksOfficer,
  healthCredential: who.healthOfficer,
};

/** A ledger (clock 2025-01-01T00:00:00Z, +1 s per transaction) that enforces the collections. */
export function newLedger(): FakeLedger {
  const ledger = new FakeLedger();
  for (const [name, members] of Object.entries(FOUNDING_CONSORTIUM.collections).map(([n, c]) => [n, c.members] as const)) {
    ledger.defineCollection(name, { members, memberOnlyRead: true, memberOnlyWrite: true });
  }
  return ledger;
}

/** Valid transient personal data. */
export function personalData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    salt: 'c2FsdC1zYWx0LXNhbHQtMTIz',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1990-12-10',
    address: '1 Main Street',
    ...overrides,
  };
}

/** Registers a citizen (committed). */
export async function registerCitizen(ledger: FakeLedger, id: string, caller: FakeCaller = who.registryClerk): Promise<void> {
  await ledger.invoke(citizens, 'registerCitizen', caller, [id], { citizen: personalData() });
}

/** A valid document of `type` for `subject`, valid for 2025. */
export function credentialDoc(
  type: CredentialType = 'residency',
  id = 'CRED-1',
  subject = 'CIT-1',
  overrides: Partial<Record<keyof CredentialDocument, unknown>> = {},
): Record<string, unknown> {
  return {
    id,
    type,
    schema: { id: ISSUANCE_RULES[type].schemaId, version: '1.0' },
    subject,
    issuer: departmentsWith(FOUNDING_CONSORTIUM, [ISSUANCE_RULES[type].issuerRemit])[0] as string,
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2026-01-01T00:00:00Z',
    claims: { district: 'North', since: 2019 },
    ...overrides,
  };
}

/** Issues `doc` (committed) as the type's issuer unless `caller` is given. */
export async function issue(
  ledger: FakeLedger,
  doc: Record<string, unknown>,
  caller: FakeCaller = issuerOf[doc['type'] as CredentialType],
): Promise<void> {
  await ledger.invoke(credentials, 'issueCredential', caller, [String(doc['id'])], { [CREDENTIAL_TRANSIENT_FIELD]: doc });
}
