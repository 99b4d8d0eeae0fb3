/**
 * Citizens (identity chaincode, `citizens` contract): the public record, which holds no
 * personal data, and the personal data kept in the registering department's collection.
 *
 * @example
 * ```ts
 * const input = validate(PersonalDataInput, transient, 'citizen');   // INVALID_ARGUMENT: citizen.salt must be 16..256 characters long
 * const stored: CitizenPersonalData = { citizenId, ...input };
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { described, Enum, HexHash, Id, Text, Timestamp, withMessage } from '../schemas';

/** Citizen statuses: ACTIVE until the registering department deactivates the record. */
export const CITIZEN_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const CitizenStatus = Enum(CITIZEN_STATUSES);
export type CitizenStatus = Static<typeof CitizenStatus>;

/** A calendar date `YYYY-MM-DD` that exists. */
export const CalendarDate = withMessage(
  Type.String({ format: 'date', description: 'A calendar date: YYYY-MM-DD, not in the future' }),
  'must be a calendar date like 1990-12-31',
);

/** The personal data a department records of a citizen. */
export const PersonalData = Type.Object(
  { givenName: Text(200), familyName: Text(200), dateOfBirth: CalendarDate, address: Text(500) },
  { additionalProperties: false },
);
export type PersonalData = Static<typeof PersonalData>;

/** The transient `citizen` input of registerCitizen: the personal data and its salt. */
export const PersonalDataInput = Type.Object(
  {
    salt: Text(256, { min: 16, description: 'Random salt, so that the public hash cannot be guessed' }),
    ...PersonalData.properties,
  },
  { additionalProperties: false, description: 'Private: sent as transient data, never written to the public ledger' },
);
export type PersonalDataInput = Static<typeof PersonalDataInput>;

/** Personal data as stored in the registering department's collection. */
export const CitizenPersonalData = Type.Object({ citizenId: Id, ...PersonalDataInput.properties }, { additionalProperties: false });
export type CitizenPersonalData = Static<typeof CitizenPersonalData>;

/** The public citizen record: no personal data. */
export const Citizen = Type.Object(
  {
    id: described(Id, 'A pseudonymous ID: opaque (e.g. a random UUID), never derived from personal data'),
    department: Type.String({ description: 'MSP ID of the registering department' }),
    status: CitizenStatus,
    registeredAt: Timestamp,
    updatedAt: Timestamp,
    dataHash: described(HexHash, 'SHA-256 of the private data (Fabric private data hash)'),
  },
  { additionalProperties: false },
);
export type Citizen = Static<typeof Citizen>;
