import { ChaincodeDeclaration, chaincodeServerPort, signaturePolicy } from './chaincodes';
import { consenters, Consortium } from './consortium';
import { endpoint, tlsHosts } from './hosts';
import { CA_KINDS, gatewayHost, nodeHost, nodeId, RuntimeLayout } from './layout';
import { OrderingProfile, OrgDeclaration } from './orgFile';
import { declareArray, declareMap, declareScalar } from './shell';

type Cells = Record<string, string | number>;

const byOrg = (orgs: readonly OrgDeclaration[], value: (o: OrgDeclaration) => string | number): Cells =>
  Object.fromEntries(orgs.map((o) => [o.key, value(o)]));

/**
 * What network/lib/orgs.sh (load_orgs) knows of the consortium, as `declare` statements to
 * eval: the org files' values, and every path of the runtime tree from {@link RuntimeLayout}.
 * Keys are `org`, `org/node`, `org/user` or `org/kind` (kind: ca or tlsca).
 *
 * @example
 * consortiumDeclarations(consortium, layout, 'raft');
 * // ["declare -ga ORG_KEYS=('auditor' 'health' ...)", "declare -gA ORG_MSP=(['auditor']='AuditorMSP' ...)", ...]
 */
export function consortiumDeclarations(consortium: Consortium, layout: RuntimeLayout, profile: OrderingProfile): string[] {
  const { orgs } = consortium;
  const orderers = consenters(consortium, profile).map(({ org, name, orderer }) => ({ org, node: orderer, key: `${org.key}/${name}` }));
  const peers = orgs.flatMap((org) => org.peers.map((p) => ({ org, node: p, key: `${org.key}/${p.name}` })));
  // Every declared node (a BFT-only orderer too) has a home; only this profile's run.
  const allNodes = orgs.flatMap((org) => [...org.orderers, ...org.peers].map((n) => ({ org, name: n.name, host: n.host, key: `${org.key}/${n.name}` })));
  const clients = orgs.flatMap((org) => ['admin', ...org.users.map((u) => u.name)].map((user) => ({ org, user })));
  const cas = orgs.flatMap((org) => CA_KINDS.map((kind) => ({ org, kind, key: `${org.key}/${kind}` })));
  const caOf = (c: (typeof cas)[number]) => (c.kind === 'ca' ? c.org.ca : c.org.tlsCa);
  const map = <T extends { key: string }>(items: readonly T[], value: (item: T) => string | number): Cells =>
    Object.fromEntries(items.map((i) => [i.key, value(i)]));

  return [
    declareArray('ORG_KEYS', orgs.map((o) => o.key)),
    declareMap('ORG_MSP', byOrg(orgs, (o) => o.mspId)),
    declareMap('ORG_ROLE', byOrg(orgs, (o) => o.role)),
    declareMap('ORG_DOMAIN', byOrg(orgs, (o) => o.domain)),
    declareMap('ORG_CA_PORT', byOrg(orgs, (o) => o.ca.port)),
    declareMap('ORG_CA_OPS_PORT', byOrg(orgs, (o) => o.ca.operationsPort)),
    declareMap('ORG_TLSCA_PORT', byOrg(orgs, (o) => o.tlsCa.port)),
    declareMap('ORG_TLSCA_OPS_PORT', byOrg(orgs, (o) => o.tlsCa.operationsPort)),
    declareMap('ORG_GATEWAY_PORT', byOrg(orgs, (o) => o.gatewayPort)),
    declareMap('ORG_USERS', byOrg(orgs, (o) => o.users.map((u) => u.name).join(' '))),
    declareMap('USER_ROLE', Object.fromEntries(orgs.flatMap((o) => o.users.map((u) => [`${o.key}/${u.name}`, u.role])))),
    declareArray('ORDERERS', orderers.map((o) => o.key)),
    declareArray('ALL_ORDERERS', orgs.flatMap((org) => org.orderers.map((o) => `${org.key}/${o.name}`))),
    declareArray('PEERS', peers.map((p) => p.key)),
    declareMap('NODE_PORT', { ...map(orderers, (o) => o.node.port), ...map(peers, (p) => p.node.port) }),
    declareMap('NODE_PORT2', { ...map(orderers, (o) => o.node.adminPort), ...map(peers, (p) => p.node.chaincodePort) }),
    declareMap('NODE_OPS_PORT', { ...map(orderers, (o) => o.node.operationsPort), ...map(peers, (p) => p.node.operationsPort) }),
    // Where others dial each node, from its host (network/src/hosts.ts): Bash never assumes loopback.
    declareMap('NODE_ENDPOINT_HOST', map(allNodes, (n) => n.host)),
    declareMap('NODE_ADDRESS', { ...map(orderers, (o) => endpoint(o.node.host, o.node.port)), ...map(peers, (p) => endpoint(p.node.host, p.node.port)) }),
    declareMap('NODE_ADDRESS2', {
      ...map(orderers, (o) => endpoint(o.node.host, o.node.adminPort)),
      ...map(peers, (p) => endpoint(p.node.host, p.node.chaincodePort)),
    }),
    declareMap('NODE_OPS_ADDRESS', {
      ...map(orderers, (o) => endpoint(o.node.host, o.node.operationsPort)),
      ...map(peers, (p) => endpoint(p.node.host, p.node.operationsPort)),
    }),
    declareMap('NODE_TLS_HOSTS', map(allNodes, (n) => tlsHosts(n.host, nodeHost(n.org, n.name)).join(','))),
    declareMap('CA_ADDRESS', map(cas, (c) => endpoint(caOf(c).host, caOf(c).port))),
    declareMap('CA_OPS_ADDRESS', map(cas, (c) => endpoint(caOf(c).host, caOf(c).operationsPort))),
    declareMap('GATEWAY_ADDRESS', byOrg(orgs, (o) => endpoint(o.gatewayHost, o.gatewayPort))),
    declareMap('GATEWAY_TLS_HOSTS', byOrg(orgs, (o) => tlsHosts(o.gatewayHost, gatewayHost(o)).join(','))),
    declareMap('PEER_ANCHOR', { ...map(orderers, () => 0), ...map(peers, (p) => (p.node.anchor ? 1 : 0)) }),
    // Paths (network/src/layout.ts): Bash never derives them.
    declareMap('ORG_DIR', byOrg(orgs, (o) => layout.orgDir(o))),
    declareMap('ORG_MSP_DIR', byOrg(orgs, (o) => layout.orgMspDir(o))),
    declareMap('TLSCA_CERT', byOrg(orgs, (o) => layout.tlsCaFile(o))),
    declareMap('MONITORING_DIR', byOrg(orgs, (o) => layout.monitoringDir(o))),
    declareMap('GATEWAY_DIR', byOrg(orgs, (o) => layout.gatewayDir(o))),
    declareMap('GATEWAY_ENV_FILE', byOrg(orgs, (o) => layout.envFile(layout.gatewayDir(o)))),
    declareMap('CA_HOME', map(cas, (c) => layout.caHome(c.org, c.kind))),
    declareMap('CA_CERT', map(cas, (c) => layout.caCertFile(c.org, c.kind))),
    declareMap('REGISTRAR_DIR', {
      ...map(cas, (c) => layout.registrarDir(c.org, c.kind)),
      ...Object.fromEntries(orgs.map((o) => [`${o.key}/gateway`, layout.gatewayRegistrarDir(o)])),
    }),
    declareMap('CA_ENV_FILE', map(cas, (c) => layout.envFile(layout.caHome(c.org, c.kind)))),
    declareMap('CLIENT_DIR', Object.fromEntries(clients.map(({ org, user }) => [`${org.key}/${user}`, layout.clientDir(org, user)]))),
    declareMap('NODE_ID', map(allNodes, (n) => nodeId(n.org, n.name))),
    declareMap('NODE_HOST', map(allNodes, (n) => nodeHost(n.org, n.name))),
    declareMap('NODE_DIR', map(allNodes, (n) => layout.nodeDir(n.org, n.name))),
    declareMap('PUBLISHED_NODE_DIR', map(allNodes, (n) => layout.publishedNodeDir(n.org, n.name))),
    declareMap('NODE_ENV_FILE', map(allNodes, (n) => layout.envFile(layout.nodeDir(n.org, n.name)))),
    declareScalar('SUPERVISION_DIR', layout.supervisionDir()),
    declareMap('PEER_SNAPSHOTS_DIR', map(peers, (p) => layout.peerSnapshotsDir(p.org, p.node.name))),
    declareMap('PEER_BUILDS_DIR', map(peers, (p) => layout.peerChaincodeBuildsDir(p.org, p.node.name))),
    declareScalar('SNAPSHOTS_EXCHANGE_DIR', layout.snapshotsExchangeDir()),
  ];
}

/**
 * What network/lib/chaincode.sh (load_chaincodes) knows of chaincode/chaincodes.yaml, with
 * policies resolved against the org files. Keys are `cc` or `org/cc`.
 *
 * @example
 * chaincodeDeclarations(consortium, chaincodes, layout);
 * // ["declare -ga CHAINCODES=('records' 'identity' ...)", "declare -gA CC_PATH=(['records']='chaincode/records' ...)", ...]
 */
export function chaincodeDeclarations(consortium: Consortium, chaincodes: readonly ChaincodeDeclaration[], layout: RuntimeLayout): string[] {
  const servers = consortium.orgs.flatMap((org) => chaincodes.map((cc) => ({ org, cc, key: `${org.key}/${cc.name}` })));
  const byServer = (value: (s: (typeof servers)[number]) => string | number): Cells => Object.fromEntries(servers.map((s) => [s.key, value(s)]));
  const byChaincode = (value: (cc: ChaincodeDeclaration) => string): Cells => Object.fromEntries(chaincodes.map((cc) => [cc.name, value(cc)]));
  return [
    declareArray('CHAINCODES', chaincodes.map((cc) => cc.name)),
    // Chaincode servers start with only these loaded (network/nodes/chaincode.sh).
    declareScalar('SUPERVISION_DIR', layout.supervisionDir()),
    declareMap('CC_PATH', byChaincode((cc) => cc.path)),
    declareMap('CC_POLICY', byChaincode((cc) => signaturePolicy(consortium, cc))),
    declareMap('CC_DIR', byChaincode((cc) => layout.chaincodeDir(cc.name))),
    declareMap('CC_CONSORTIUM_FILE', byChaincode((cc) => layout.chaincodeConsortiumFile(cc.name))),
    declareMap('CC_COLLECTIONS_FILE', byChaincode((cc) => layout.chaincodeCollectionsFile(cc.name))),
    declareMap('CC_SERVER_PORT', byServer((s) => chaincodeServerPort(s.org, s.cc))),
    declareMap('CC_SERVER_HOST', byServer((s) => s.org.chaincodeServerHost)),
    declareMap('CC_SERVER_TLS_HOSTS', byServer((s) => tlsHosts(s.org.chaincodeServerHost).join(','))),
    declareMap('CC_SERVER_DIR', byServer((s) => layout.chaincodeServerDir(s.org, s.cc.name))),
    declareMap('CC_SERVER_SETTINGS_FILE', byServer((s) => layout.chaincodeServerSettingsFile(s.org, s.cc.name))),
    // Each org's chaincode host: the one process serving all its chaincodes (network/nodes/chaincode.sh).
    declareMap('CC_HOST_DIR', Object.fromEntries(consortium.orgs.map((org) => [org.key, layout.chaincodeServersDir(org)]))),
    declareMap('CC_HOST_ENV_FILE', Object.fromEntries(consortium.orgs.map((org) => [org.key, layout.envFile(layout.chaincodeServersDir(org))]))),
  ];
}
