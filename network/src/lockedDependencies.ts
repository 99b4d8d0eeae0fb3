/**
 * The exact third-party code a workspace package runs, read from the root package-lock.json:
 * every package its dependencies resolve to, transitively, with version and integrity hash.
 *
 * A chaincode's version is a hash of what it runs (network/lib/chaincode.sh). Hashing the
 * whole lock file would give every chaincode a new version whenever any workspace (the
 * gateway, the tests) changed a dependency; hashing only this closure does not.
 *
 * @example
 * ```ts
 * lockedDependencies(readLock('package-lock.json'), 'chaincode/records');
 * // ['chaincode/common', 'node_modules/fabric-contract-api@2.5.8 sha512-…', …]
 * ```
 */
import { readFileSync } from 'node:fs';

interface LockedPackage {
  readonly version?: string;
  readonly integrity?: string;
  readonly resolved?: string;
  readonly link?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

export interface PackageLock {
  readonly packages: Readonly<Record<string, LockedPackage>>;
}

export function readLock(file: string): PackageLock {
  const lock = JSON.parse(readFileSync(file, 'utf8')) as Partial<PackageLock>;
  if (typeof lock.packages !== 'object' || lock.packages === null) throw new Error(`${file} is not a package-lock.json of lockfileVersion 2 or 3`);
  return lock as PackageLock;
}

/** Where npm finds `name` when required from the package at `from`: the nearest node_modules up the tree. */
function resolve(lock: PackageLock, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (dir === '') return undefined;
  }
}

/** Sorted lines `location@version integrity` (workspace packages: their folder) of everything `workspace` runs. */
export function lockedDependencies(lock: PackageLock, workspace: string): string[] {
  const seen = new Map<string, string>();
  const visit = (location: string) => {
    const entry = lock.packages[location];
    if (!entry || seen.has(location)) return;
    if (entry.link && entry.resolved !== undefined) {
      seen.set(location, `${location} -> ${entry.resolved}`);
      visit(entry.resolved);
      return;
    }
    seen.set(location, location === workspace || !location.includes('node_modules/') ? location : `${location}@${entry.version ?? '?'} ${entry.integrity ?? ''}`);
    // Optional dependencies missing from the lock (other platforms' builds) are skipped.
    const names = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})];
    for (const name of names) {
      const found = resolve(lock, location, name);
      if (found) visit(found);
    }
  };
  if (!lock.packages[workspace]) throw new Error(`package-lock.json has no workspace ${workspace}`);
  visit(workspace);
  return [...seen.values()].sort();
}
