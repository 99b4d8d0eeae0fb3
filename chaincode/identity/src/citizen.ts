/**
 * Citizens: the public record (pseudonymous ID, registering department, status, time, hash)
 * and the personal data kept in the registering department's private collection.
 *
 * The public `dataHash` is the SHA-256 of the stored private value's bytes (canonical JSON of
 * {@link CitizenPersonalData}), which is exactly the hash Fabric itself keeps of that private
 * value on every peer; the client-chosen random `salt` inside it stops anyone from guessing
 * names and birth dates against the hash.
 *
 * @example
 * ```ts
 * const citizen = await readCitizen(ctx, citizenId);     // NOT_FOUND: citizen C-1 does not exist
 * const personal = parsePersonalData(ctx, citizenId);    // from transient field "citizen"
 * ```
 */
import {
  invalidArgument,
  isoToMillis,
  keyFor,
  readJson,
  readTransientJson,
  requireText,
  txTimeMillis,
  type Shape,
} from '@city-ledger/chaincode-common';
import type { Context } from 'fabric-contract-api';
import { Object as FabricObject, Property } from 'fabric-contract-api';

/** Citizen statuses: ACTIVE until the registering department deactivates the record. */
export const CitizenStatus = { Active: 'ACTIVE', Inactive: 'INACTIVE' } as const;

/** One of {@link CitizenStatus}. */
export type CitizenStatusName = (typeof CitizenStatus)[keyof typeof CitizenStatus];

/** Transient map field carrying the personal data of `registerCitizen`. */
export const CITIZEN_TRANSIENT_FIELD = 'citizen';

/** Public citizen record: no personal data. */
@FabricObject()
export class Citizen {
  /** Pseudonymous citizen ID (opaque, chosen by the registering system). */
  @Property()
  id!: string;

  /** MSP ID of the registering department (whose collection holds the personal data). */
  @Property()
  department!: string;

  /** ACTIVE or INACTIVE. */
  @Property()
  status!: string;

  /** Transaction time of the registration (ISO-8601 UTC). */
  @Property()
  registeredAt!: string;

  /** Transaction time of the last change (ISO-8601 UTC). */
  @Property()
  updatedAt!: string;

  /** SHA-256 hex of the private value (equals Fabric's private data hash while it exists). */
  @Property()
  dataHash!: string;
}

/** Personal data, stored only in the registering department's collection. */
@FabricObject()
export class CitizenPersonalData {
  @Property()
  citizenId!: string;

  /** Client-generated random salt (at least 16 characters), so that the hash cannot be guessed. */
  @Property()
  salt!: string;

  @Property()
  givenName!: string;

  @Property()
  familyName!: string;

  /** Calendar date `YYYY-MM-DD`. */
  @Property()
  dateOfBirth!: string;

  @Property()
  address!: string;
}

/** The personal data as sent in the transient field (without `citizenId`, which the chaincode adds). */
export type PersonalDataInput = Omit<CitizenPersonalData, 'citizenId'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` that exists (INVALID_ARGUMENT otherwise). */
export function requireDate(value: unknown, field: string): string {
  const text = requireText(value, field, { max: 10 });
  if (!DATE.test(text) || isoToMillis(`${text}T00:00:00Z`) === undefined) {
    throw invalidArgument(`${field} must be a calendar date like 1990-12-31`);
  }
  return text;
}

const PERSONAL_SHAPE: Shape<PersonalDataInput> = {
  salt: (v, f) => requireText(v, f, { min: 16, max: 256 }),
  givenName: (v, f) => requireText(v, f, { max: 200 }),
  familyName: (v, f) => requireText(v, f, { max: 200 }),
  dateOfBirth: requireDate,
  address: (v, f) => requireText(v, f, { max: 500 }),
};

/** Reads and validates the transient personal data; the date of birth must not be in the future. */
export function parsePersonalData(ctx: Context, citizenId: string): CitizenPersonalData {
  const input = readTransientJson(ctx, CITIZEN_TRANSIENT_FIELD, PERSONAL_SHAPE);
  if ((isoToMillis(`${input.dateOfBirth}T00:00:00Z`) as number) > txTimeMillis(ctx)) {
    throw invalidArgument(`${CITIZEN_TRANSIENT_FIELD}.dateOfBirth must not be in the future`);
  }
  return { citizenId, ...input };
}

/** World-state key of a citizen (also the key of its private value in the collection). */
export function citizenKey(ctx: Context, citizenId: string): string {
  return keyFor(ctx, 'citizen', citizenId);
}

/** The public record; NOT_FOUND when there is none. */
export async function readCitizen(ctx: Context, citizenId: string): Promise<Citizen> {
  return readJson<Citizen>(ctx, citizenKey(ctx, citizenId), 'citizen');
}
