/**
 * Contract metadata from the domain's schemas. `org.hyperledger.fabric:GetMetadata` serves
 * `components.schemas`, which fabric-contract-api fills from its `@Object` registry; declaring
 * the domain's JSON Schemas there (instead of restating each record as an `@Object` class)
 * serves the same limits, patterns and enums that the chaincode validates with, so the
 * metadata cannot drift from the rules. `@Returns('Parcel')` then refers to them by name.
 *
 * @example
 * ```ts
 * declareComponents({ Parcel, ParcelPage: Page(Parcel), ParcelHistoryEntry: HistoryEntry(Parcel) });
 * ```
 */
import 'fabric-contract-api'; // installs reflect-metadata, and owns the registry written here
import type { TSchema } from '@sinclair/typebox';

/** fabric-contract-api's registry of complex types (what `@Object()` writes). */
const OBJECTS_KEY = 'fabric:objects';

interface MetadataReflect {
  getMetadata(key: string, target: object): Record<string, object> | undefined;
  defineMetadata(key: string, value: unknown, target: object): void;
}

/** A component as GetMetadata serves it: plain JSON Schema, identified by its name. */
export function componentSchema(name: string, schema: TSchema): Record<string, unknown> {
  return { $id: name, ...(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>) };
}

/** Declares `schemas` as the metadata components of those names (for `@Returns`). */
export function declareComponents(schemas: Readonly<Record<string, TSchema>>): void {
  const reflect = Reflect as unknown as MetadataReflect;
  const objects = { ...(reflect.getMetadata(OBJECTS_KEY, global) ?? {}) };
  for (const [name, schema] of Object.entries(schemas)) {
    objects[name] = componentSchema(name, schema);
  }
  reflect.defineMetadata(OBJECTS_KEY, objects, global);
}
