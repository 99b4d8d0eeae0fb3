/**
 * Who issues each credential type: a department holding the type's remit, as one of the
 * listed roles, for documents naming the type's schema. The chaincode enforces it; the gateway
 * reads it to choose the endorsing department's peers for the claims.
 *
 * @example
 * ```ts
 * const rule = ISSUANCE_RULES[document.type];
 * requireRemit(ctx, [rule.issuerRemit], rule.roles);   // FORBIDDEN for any other department or role
 * ```
 */
import { Remit, type RemitName } from '../remits';
import { Role } from '../roles';
import { CREDENTIAL_TYPES, type CredentialType } from './credential';

/** Who issues a credential type, and the schema its documents follow. */
export interface IssuanceRule {
  /** The remit of the departments that issue this type. */
  readonly issuerRemit: RemitName;
  /** `city.role` values of those departments allowed to do so. */
  readonly roles: readonly string[];
  /** The schema ID a document of this type must name in `schema.id`. */
  readonly schemaId: string;
}

/** The issuance table. */
export const ISSUANCE_RULES: Readonly<Record<CredentialType, IssuanceRule>> = {
  residency: {
    issuerRemit: Remit.VitalRecords,
    roles: [Role.Registrar],
    schemaId: 'https://schemas.city-ledger.example/credentials/residency',
  },
  contractorLicence: {
    issuerRemit: Remit.Works,
    roles: [Role.Officer],
    schemaId: 'https://schemas.city-ledger.example/credentials/contractor-licence',
  },
  healthCredential: {
    issuerRemit: Remit.HealthRecords,
    roles: [Role.Officer],
    schemaId: 'https://schemas.city-ledger.example/credentials/health',
  },
};

/** Remits that issue at least one credential type. */
export const ISSUER_REMITS: readonly RemitName[] = [...new Set(CREDENTIAL_TYPES.map((t) => ISSUANCE_RULES[t].issuerRemit))];

/** Roles that may issue at least one credential type for a department holding `remits` (empty for non-issuers). */
export function issuerRolesOf(remits: readonly RemitName[]): string[] {
  const roles = CREDENTIAL_TYPES.filter((t) => remits.includes(ISSUANCE_RULES[t].issuerRemit)).flatMap((t) => ISSUANCE_RULES[t].roles);
  return [...new Set(roles)];
}
