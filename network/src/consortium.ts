import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CHAINCODE_PORT_RANGE } from './chaincodes';
import { loadOrgFile, OrdererDeclaration, OrderingProfile, OrgDeclaration, OrgFileError } from './orgFile';

/** Every org of the consortium, in a stable order (file name). */
export interface Consortium {
  readonly orgs: readonly OrgDeclaration[];
}

/** Minimum consenters per profile: Raft needs a majority of 3 to lose one; BFT needs 3f+1 with f=1. */
const MIN_CONSENTERS: Record<OrderingProfile, number> = { raft: 1, bft: 4 };

/**
 * Loads every `*.yaml` in the organizations folder and checks what no single
 * file can check on its own: MSP IDs and domains are unique, and no two nodes share a port on
 * one host.
 *
 * @example
 * const { orgs } = loadConsortium('organizations');
 */
export function loadConsortium(dir: string): Consortium {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) throw new OrgFileError(dir, '(folder)', 'holds no org files (*.yaml)');
  const orgs = files.map((f) => loadOrgFile(path.join(dir, f)));
  checkUnique(orgs);
  return { orgs };
}

function checkUnique(orgs: readonly OrgDeclaration[]): void {
  const seen = new Map<string, string>();
  const claim = (value: string, org: OrgDeclaration, field: string) => {
    const owner = seen.get(value);
    if (owner !== undefined) throw new OrgFileError(org.file, field, `duplicates ${owner}`);
    seen.set(value, `${org.file} ${field}`);
  };
  // A port is taken on one host: departments on their own hosts may use the same ports.
  const port = (host: string, value: number, org: OrgDeclaration, field: string) => claim(`port:${host}:${value}`, org, field);
  for (const org of orgs) {
    claim(`msp:${org.mspId}`, org, 'mspId');
    claim(`domain:${org.domain}`, org, 'domain');
    port(org.ca.host, org.ca.port, org, 'ca.port');
    port(org.ca.host, org.ca.operationsPort, org, 'ca.operationsPort');
    port(org.tlsCa.host, org.tlsCa.port, org, 'tlsCa.port');
    port(org.tlsCa.host, org.tlsCa.operationsPort, org, 'tlsCa.operationsPort');
    port(org.gatewayHost, org.gatewayPort, org, 'gatewayPort');
    for (let p = 0; p < CHAINCODE_PORT_RANGE; p++) port(org.chaincodeServerHost, org.chaincodeServerBasePort + p, org, 'chaincodeServerBasePort');
    org.orderers.forEach((o, i) => {
      claim(`node:${org.key}:${o.name}`, org, `orderers[${i}].name`);
      for (const f of ['port', 'adminPort', 'operationsPort'] as const) port(o.host, o[f], org, `orderers[${i}].${f}`);
    });
    org.peers.forEach((p, i) => {
      claim(`node:${org.key}:${p.name}`, org, `peers[${i}].name`);
      for (const f of ['port', 'chaincodePort', 'operationsPort'] as const) port(p.host, p[f], org, `peers[${i}].${f}`);
    });
  }
  if (!orgs.some((o) => o.role === 'department')) {
    throw new OrgFileError(orgs[0]?.file ?? '(none)', 'role', 'no org is a department');
  }
}

/** The orderers that are consenters in a profile, with their org. */
export function consenters(consortium: Consortium, profile: OrderingProfile): { org: OrgDeclaration; name: string; orderer: OrdererDeclaration }[] {
  const result = consortium.orgs.flatMap((org) =>
    org.orderers.filter((o) => o.profiles.includes(profile)).map((o) => ({ org, name: o.name, orderer: o })),
  );
  if (result.length < MIN_CONSENTERS[profile]) {
    throw new Error(`profile ${profile} needs at least ${MIN_CONSENTERS[profile]} consenters, the org files declare ${result.length}`);
  }
  return result;
}

/** Finds an org by its key (file name), e.g. `registry`. */
export function findOrg(consortium: Consortium, key: string): OrgDeclaration {
  const org = consortium.orgs.find((o) => o.key === key);
  if (!org) throw new Error(`no org "${key}" in organizations/ (known: ${consortium.orgs.map((o) => o.key).join(', ')})`);
  return org;
}
