/**
 * The parcel register the import benchmarks load: `count` parcels with private owner data as
 * JSON Lines, IDs unique to the run, and every owner holding {@link PARCELS_PER_OWNER} parcels,
 * so an owner's page of parcels is the same size at every ledger size.
 *
 * @example
 * ```ts
 * const file = writeParcelFile(dir, 'BULK-abc', 0, 1000);   // parcels BULK-abc-0 .. BULK-abc-999
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PARCELS_PER_OWNER = 10;

export const parcelId = (prefix: string, i: number) => `${prefix}-${i}`;
export const ownerId = (prefix: string, i: number) => `${prefix}-OWN-${Math.floor(i / PARCELS_PER_OWNER)}`;

/** Writes parcels `from` .. `from + count - 1` to a JSON Lines file in `dir`; returns its path. */
export function writeParcelFile(dir: string, prefix: string, from: number, count: number): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    lines.push(
      JSON.stringify({
        id: parcelId(prefix, i),
        ownerId: ownerId(prefix, i),
        location: `Lot ${i}, Block ${Math.floor(i / 100)}`,
        areaM2: 100 + (i % 900),
        landUse: 'RESIDENTIAL',
        owner: { name: `Owner ${i}`, address: `${i} Register Street` },
      }),
    );
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${prefix}-${from}-${from + count}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
