/**
 * A permit applicant's contact data. It arrives in the transient field `applicant`, is kept
 * in `registryPublicWorksPermitApplicants` (Registry + Public Works, who process and inspect)
 * under the permit's key, and is purged by Fabric after the collection's blockToLive: it is
 * needed only while the permit is processed.
 *
 * @example
 * ```ts
 * const applicant = readTransientJson(ctx, APPLICANT_TRANSIENT_KEY, APPLICANT_INPUT);
 * ```
 */
import { Object as DataType, Property } from 'fabric-contract-api';
import { optional, requireText, type Shape } from '@city-ledger/chaincode-common';

/** Transient map key of the applicant's contact data. */
export const APPLICANT_TRANSIENT_KEY = 'applicant';

/** Private contact data of a permit applicant. */
@DataType()
export class PermitApplicant {
  @Property('permitId', 'string')
  permitId!: string;

  @Property('name', 'string')
  name!: string;

  @Property('address', 'string')
  address?: string;

  @Property('email', 'string')
  email?: string;

  @Property('phone', 'string')
  phone?: string;
}

/** The transient `applicant` input. */
export type ApplicantInput = Omit<PermitApplicant, 'permitId'>;

/** Validation of {@link ApplicantInput}. */
export const APPLICANT_INPUT: Shape<ApplicantInput> = {
  name: (v, f) => requireText(v, f, { max: 200 }),
  address: optional((v, f) => requireText(v, f, { max: 500 })),
  email: optional((v, f) => requireText(v, f, { max: 254 })),
  phone: optional((v, f) => requireText(v, f, { max: 40 })),
};
