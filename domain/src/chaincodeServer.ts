/**
 * What one org's server for one chaincode needs to start: where it listens, its TLS files, its
 * code, the file holding its package ID and its consortium descriptor. The network CLI writes
 * one such file per org and chaincode (network/src/nodeEnvironments.ts), and the org's chaincode
 * host (chaincode/common/src/host) serves every file it is given from one process.
 *
 * @example
 * ```ts
 * const settings = parseChaincodeServerSettings(readFileSync(file, 'utf8'), file);
 * settings.address; // '127.0.0.1:7070'
 * ```
 */
import { Type, type Static } from '@sinclair/typebox';
import { validate } from './validate';

const FilePath = Type.String({ minLength: 1 });

export const ChaincodeServerSettings = Type.Object(
  {
    /** The chaincode's name in chaincode/chaincodes.yaml. */
    chaincode: Type.String({ minLength: 1 }),
    /** `host:port` the server binds. */
    address: Type.String({ minLength: 1 }),
    /** The chaincode's workspace: its package.json names the code. */
    modulePath: FilePath,
    /** Written by deploy: the package ID the peers know the server by. */
    packageIdFile: FilePath,
    /** The consortium descriptor this chaincode checks remits against. */
    consortiumFile: FilePath,
    /** Its TLS server certificate and key, and the TLS CA its clients (the peers) must chain to. */
    tls: Type.Object({ certFile: FilePath, keyFile: FilePath, clientCaCertFile: FilePath }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ChaincodeServerSettings = Static<typeof ChaincodeServerSettings>;

/** Parses one server's settings; throws an Error naming `source` and the field at fault. */
export function parseChaincodeServerSettings(text: string, source: string): ChaincodeServerSettings {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`chaincode server settings ${source}: not JSON: ${(err as Error).message}`);
  }
  try {
    return validate(ChaincodeServerSettings, doc, 'settings');
  } catch (err) {
    throw new Error(`chaincode server settings ${source}: ${(err as Error).message}`);
  }
}
