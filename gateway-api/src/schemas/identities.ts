/** Schemas of the admin routes on Fabric identities (routes/identities.ts). */
import { Role } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { REVOCATION_REASONS } from '../identities/identityStore';
import { USER } from '../identities/fileKeystore';

/**
 * City roles an admin route may give: every `city.role` but `admin`, which belongs to the org
 * admin the network scripts enroll (an admin certificate), never to a city system.
 */
export const ENROLLABLE_ROLES: readonly string[] = Object.values(Role).filter((role) => role !== Role.Admin);

export const IdentityName = Type.String({
  pattern: USER.source,
  description: 'Name of the identity (also its Fabric user in the API key file): a-z, 0-9 and -, starting with a letter, at most 63',
});

export const IdentityParams = Type.Object({ name: IdentityName }, { additionalProperties: false });

export const CreateIdentityBody = Type.Object(
  {
    name: IdentityName,
    role: Type.Union(
      ENROLLABLE_ROLES.map((role) => Type.Literal(role)),
      { description: 'The `city.role` attribute put in the certificate' },
    ),
    principal: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'Name of the API key holder in logs; defaults to the name' }),
    ),
  },
  { additionalProperties: false },
);

export const RevokeIdentityBody = Type.Object(
  { reason: Type.Union(REVOCATION_REASONS.map((r) => Type.Literal(r)), { description: 'RFC 5280 reason, recorded in the CA and its CRL' }) },
  { additionalProperties: false },
);

export const CertificateSummary = Type.Object({
  serial: Type.String(),
  subject: Type.String(),
  notBefore: Type.String(),
  notAfter: Type.String(),
  attrs: Type.Record(Type.String(), Type.String(), { description: 'Fabric CA attributes in the certificate (city.role, hf.EnrollmentID, …)' }),
});

const identityFields = {
  name: IdentityName,
  enrollmentId: Type.String({ description: 'The enrollment ID at the CA: <name>.<org>' }),
  role: Type.String({ description: 'city.role in the certificate' }),
  enrolledAt: Type.String(),
  certificate: CertificateSummary,
};

export const Identity = Type.Object({
  ...identityFields,
  principals: Type.Array(Type.Object({ principal: Type.String(), roles: Type.Array(Type.String()) }), {
    description: 'API key holders acting as this identity',
  }),
});

export const CreatedIdentity = Type.Object({
  ...identityFields,
  principal: Type.String(),
  apiKey: Type.String({ description: 'The new API key, shown once: the gateway keeps only its hash' }),
});

export const RevokedIdentity = Type.Object({
  name: IdentityName,
  enrollmentId: Type.String(),
  reason: Type.String(),
  apiKeysRemoved: Type.Integer({ minimum: 0 }),
});
