import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One entry of a chaincode package's collections_config.json, as `peer lifecycle` reads it. */
export interface CollectionConfig {
  name: string;
  policy: string;
  requiredPeerCount: number;
  maxPeerCount: number;
  blockToLive: number;
  memberOnlyRead: boolean;
  memberOnlyWrite: boolean;
  endorsementPolicy?: { signaturePolicy?: string };
}

/**
 * Reads `<packageDir>/collections_config.json`, so that each package's tests
 * can check it against the collection constants its chaincode uses.
 *
 * @example
 * const config = loadCollectionsConfig(path.join(__dirname, '..'));
 */
export function loadCollectionsConfig(packageDir: string): CollectionConfig[] {
  return JSON.parse(readFileSync(path.join(packageDir, 'collections_config.json'), 'utf8')) as CollectionConfig[];
}
