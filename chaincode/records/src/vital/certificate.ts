/**
 * The salted certificate hash that makes a vital record verifiable by anyone, members of the
 * private collections or not (the Auditor included).
 *
 * Design: the public record keeps `hash = saltedHash(salt, { id, type, details })`. The salt
 * (32 random bytes, chosen by the issuing client) is private: it is stored with the personal
 * data in the collection AND printed on the certificate handed to the citizen. A verifier is
 * given the certificate, i.e. `{ salt, details }`, and the chaincode recomputes the hash from
 * the public ID and type: no private read is needed, so non-members can verify. The salt
 * stops anyone from confirming guessed personal data against the public hash (a dictionary
 * attack on names and dates) unless they hold the certificate.
 *
 * @example
 * ```ts
 * certificateHash('B-1', 'BIRTH', salt, details) === record.hash;   // MATCH
 * ```
 */
import { Object as DataType, Property } from 'fabric-contract-api';
import { requireObject, saltedHash, type Shape } from '@city-ledger/chaincode-common';
import { requireSalt, type VitalDetails } from './vitalDetails';
import type { VitalStatus, VitalType } from './vitalRecord';

/** The hash the public record keeps for a certificate. */
export function certificateHash(id: string, type: VitalType, salt: string, details: VitalDetails): string {
  return saltedHash(salt, { id, type, details });
}

/** A certificate as presented for verification. */
export interface PresentedCertificate {
  salt: string;
  details: Record<string, unknown>;
}

/** Validation of the `presentedDocument` argument of verify. */
export const PRESENTED_CERTIFICATE: Shape<PresentedCertificate> = {
  salt: requireSalt,
  details: requireObject,
};

/** Answer of verify: MATCH when the presented certificate is the one on record. */
@DataType()
export class VerifyResult {
  @Property('id', 'string')
  id!: string;

  @Property('type', 'string')
  type!: VitalType;

  /** The record's status: a MATCH on a VOID record is a voided certificate. */
  @Property('status', 'string')
  status!: VitalStatus;

  @Property('result', 'string')
  result!: 'MATCH' | 'MISMATCH';
}
