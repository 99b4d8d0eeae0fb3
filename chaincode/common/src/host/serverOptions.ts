/**
 * The options fabric-shim's server takes for one chaincode, as its `server` command builds them
 * (cmds/serverCommand.js): the package ID, the address, the TLS files read into memory, and the
 * command's own defaults for every `grpc.*` option, read from its option table so that a host
 * runs with exactly the keepalive and message-size settings of a `fabric-chaincode-node server`.
 *
 * @example
 * ```ts
 * shim.server(chaincode, serverOptions(settings, 'records_1a2b:9f...')).start();
 * ```
 */
import { readFileSync } from 'node:fs';
import type { ChaincodeServerSettings } from '@city-ledger/domain';
import type { ChaincodeServerOpts } from 'fabric-shim';

interface CommandOption {
  readonly default?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the command's option table is not in fabric-shim's types
const { validOptions } = require('fabric-shim/lib/cmds/serverCommand.js') as { validOptions: Record<string, CommandOption> };

/** The `grpc.*` defaults of fabric-shim's `server` command. */
export function grpcDefaults(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(validOptions).filter(([name]) => name.startsWith('grpc.')).map(([name, option]) => [name, option.default]));
}

/** Options for serving the chaincode of `settings` as `packageId`; throws if a TLS file cannot be read. */
export function serverOptions(settings: ChaincodeServerSettings, packageId: string): ChaincodeServerOpts {
  return {
    ...grpcDefaults(),
    ccid: packageId,
    address: settings.address,
    tlsProps: {
      key: readFileSync(settings.tls.keyFile),
      cert: readFileSync(settings.tls.certFile),
      clientCACerts: readFileSync(settings.tls.clientCaCertFile),
    },
  };
}
