/**
 * One department's chaincode host: serves each chaincode whose settings file it is given (one
 * fabric-shim gRPC server per chaincode, on that chaincode's address, package ID and TLS files)
 * from this one process, instead of one Node process per chaincode, each ~100 MiB of Node,
 * grpc-js and fabric-shim for a few MiB of chaincode (README "One chaincode process per
 * department").
 *
 * @example
 * ```ts
 * await serveChaincodes(['/rt/homes/registry/chaincode/records/server.json'], console.log);
 * ```
 */
import { readFileSync } from 'node:fs';
import { parseChaincodeServerSettings } from '@city-ledger/domain';
import { type ChaincodeServer, Shim } from 'fabric-shim';
import { readConsortiumFile } from '../activeConsortium';
import { loadChaincode } from './loadChaincode';
import { serverOptions } from './serverOptions';

/** Reads a one-line file that must not be empty (the package ID). */
function readPackageId(file: string, chaincode: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`${chaincode}: its package ID cannot be read (run network/deploy.sh): ${(err as Error).message}`);
  }
  if (text === '') throw new Error(`${chaincode}: its package ID file ${file} is empty (run network/deploy.sh)`);
  return text;
}

/**
 * Loads every chaincode first, then starts their servers, and returns them (listening); rejects
 * on the first that cannot be loaded or bind its address (the host then exits, and its
 * supervisor starts it again).
 */
export async function serveChaincodes(settingsFiles: readonly string[], log: (line: string) => void): Promise<ChaincodeServer[]> {
  if (settingsFiles.length === 0) throw new Error('usage: host SETTINGS.json... (one per chaincode; network/nodes/chaincode.sh)');
  const servers = [];
  for (const file of settingsFiles) {
    const settings = parseChaincodeServerSettings(readFileSync(file, 'utf8'), file);
    const packageId = readPackageId(settings.packageIdFile, settings.chaincode);
    const { chaincode } = await loadChaincode(settings.modulePath, readConsortiumFile(settings.consortiumFile));
    servers.push({ settings, packageId, server: Shim.server(chaincode, serverOptions(settings, packageId)) });
  }
  for (const { settings, packageId, server: chaincodeServer } of servers) {
    await chaincodeServer.start();
    log(`serving ${settings.chaincode} as ${packageId} on ${settings.address}`);
  }
  return servers.map((s) => s.server);
}
