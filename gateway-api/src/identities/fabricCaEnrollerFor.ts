/**
 * The gateway's {@link FabricCaEnroller}, from its configuration: the org's CA on its host over
 * TLS (trusting only the CA's root), the gateway registrar the network scripts enrolled, the
 * enrollment IDs the scripts use (`<user>.<org>`), and the CRL kept under the gateway's folder.
 *
 * @example
 * ```ts
 * const enroller = fabricCaEnrollerFor(config, identities);   // identities: the principals' FileKeystore
 * ```
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { endpoint, type OrgDeclaration, type RuntimeLayout } from '@city-ledger/network';
import { FabricCaClient } from './fabricCaClient';
import { FabricCaEnroller } from './fabricCaEnroller';
import { FileKeystore } from './fileKeystore';

/** The registrar's identity name (its enrollment ID at the CA is `gateway-registrar.<org>`). */
export const GATEWAY_REGISTRAR = 'gateway-registrar';

export function fabricCaEnrollerFor({ org, layout }: { readonly org: OrgDeclaration; readonly layout: RuntimeLayout }, keystore: FileKeystore): FabricCaEnroller {
  // The registrar is read when first needed: a regulator's (read-only) gateway has none and never asks.
  const registrar = new FileKeystore({ mspId: org.mspId, clientDir: () => layout.gatewayRegistrarDir(org) });
  return new FabricCaEnroller({
    ca: new FabricCaClient({ url: `https://${endpoint(org.ca.host, org.ca.port)}`, caCert: readFileSync(layout.caCertFile(org)) }),
    registrar: () => registrar.get(GATEWAY_REGISTRAR),
    keystore,
    enrollmentId: (user) => `${user}.${org.key}`,
    crlFile: path.join(layout.gatewayDir(org), 'crl.pem'),
  });
}
