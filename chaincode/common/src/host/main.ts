#!/usr/bin/env node
/**
 * Process entry of a department's chaincode host (network/nodes/chaincode.sh runs it).
 *
 * @example
 * node chaincode/common/dist/host/main.js <server home>/records/server.json <server home>/identity/server.json
 */
import { serveChaincodes } from './serveChaincodes';

serveChaincodes(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).catch((err: unknown) => {
  process.stderr.write(`chaincode host: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
