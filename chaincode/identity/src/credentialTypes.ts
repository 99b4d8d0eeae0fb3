/**
 * Which department may issue which credential: THE single table behind every issuing and
 * status-changing guard. A credential type is issued by exactly one org, by callers whose
 * `city.role` is in `roles`; the same org and roles may later suspend, reinstate or revoke it.
 *
 * @example
 * ```ts
 * const rule = ISSUANCE_RULES[document.type];
 * requireWriter(ctx, [rule.issuerMsp], rule.roles);   // FORBIDDEN for any other org or role
 * ```
 */
import { Msp, Role } from '@city-ledger/chaincode-common';
import { CREDENTIAL_TYPES, type CredentialType } from '@city-ledger/domain';

export { CREDENTIAL_TYPES, type CredentialType } from '@city-ledger/domain';

/** Who issues a credential type, and the schema its documents follow. */
export interface IssuanceRule {
  /** The only org that issues (and suspends, reinstates, revokes) this type. */
  readonly issuerMsp: string;
  /** `city.role` values of that org allowed to do so. */
  readonly roles: readonly string[];
  /** The schema ID a document of this type must name in `schema.id`. */
  readonly schemaId: string;
}

/** The issuance table. */
export const ISSUANCE_RULES: Readonly<Record<CredentialType, IssuanceRule>> = {
  residency: {
    issuerMsp: Msp.Registry,
    roles: [Role.Registrar],
    schemaId: 'https://schemas.city-ledger.example/credentials/residency',
  },
  contractorLicence: {
    issuerMsp: Msp.PublicWorks,
    roles: [Role.Officer],
    schemaId: 'https://schemas.city-ledger.example/credentials/contractor-licence',
  },
  healthCredential: {
    issuerMsp: Msp.Health,
    roles: [Role.Officer],
    schemaId: 'https://schemas.city-ledger.example/credentials/health',
  },
};

/** Orgs that issue at least one credential type. */
export const ISSUER_MSPS: readonly string[] = [...new Set(CREDENTIAL_TYPES.map((t) => ISSUANCE_RULES[t].issuerMsp))];

/** Roles of `msp` that may issue at least one credential type (empty for non-issuers). */
export function issuerRolesOf(msp: string): string[] {
  const roles = CREDENTIAL_TYPES.filter((t) => ISSUANCE_RULES[t].issuerMsp === msp).flatMap((t) => ISSUANCE_RULES[t].roles);
  return [...new Set(roles)];
}
