/**
 * Where citizens live in world state. What a citizen record and its personal data are (fields,
 * limits, statuses) is declared once, in @city-ledger/domain (identity/citizen).
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
import { invalidArgument, isoToMillis, keyFor, readJson, readTransientJson, txTimeMillis } from '@city-ledger/chaincode-common';
import {
  PersonalDataInput,
  validate,
  type Citizen,
  type CitizenPersonalData,
  type CitizenStatus as CitizenStatusName,
} from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';

export type { Citizen, CitizenPersonalData, PersonalDataInput } from '@city-ledger/domain';
export type { CitizenStatusName };

/** Citizen statuses by name (the schema `CitizenStatus` in @city-ledger/domain lists them). */
export const CitizenStatus = { Active: 'ACTIVE', Inactive: 'INACTIVE' } as const satisfies Record<string, CitizenStatusName>;

/** Transient map field carrying the personal data of `registerCitizen`. */
export const CITIZEN_TRANSIENT_FIELD = 'citizen';

/** Reads and validates the transient personal data; the date of birth must not be in the future. */
export function parsePersonalData(ctx: Context, citizenId: string): CitizenPersonalData {
  const input = validate(PersonalDataInput, readTransientJson(ctx, CITIZEN_TRANSIENT_FIELD), CITIZEN_TRANSIENT_FIELD);
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
