import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHAINCODE_PORT_RANGE } from '@city-ledger/network';
import { allPeers, chaincodes, consortium, networkEnv, networkScript, peerCli, runningNodes, startChaincodeHosts } from './support/network';

/** The pid of every peer the scripts consider running (undefined if one is not). */
async function peerPids(): Promise<Record<string, number | undefined>> {
  const running = await runningNodes();
  return Object.fromEntries(allPeers().map(([org, peer]) => [`${org}-${peer}`, running.get(`${org}-${peer}`)]));
}

describe('a chaincode added to the chaincodes file on a running network', () => {
  const name = `extra-${Date.now().toString(36)}`;
  let dir: string;

  beforeAll(() => {
    // The channel's chaincodes plus a copy of `identity` under a new name, on a free port offset.
    const declared = chaincodes();
    const identity = declared.find((c) => c.name === 'identity');
    if (!identity) throw new Error('chaincode/chaincodes.yaml declares no identity chaincode');
    const used = new Set(declared.map((c) => c.portOffset));
    const portOffset = [...Array(CHAINCODE_PORT_RANGE).keys()].reverse().find((p) => !used.has(p));
    if (portOffset === undefined) throw new Error('no free chaincode port offset');
    dir = mkdtempSync(path.join(os.tmpdir(), 'city-chaincodes-'));
    const file = path.join(dir, 'chaincodes.yaml');
    // JSON is YAML: the loader reads it as it reads chaincode/chaincodes.yaml.
    writeFileSync(file, JSON.stringify({ chaincodes: [...declared, { ...identity, name, portOffset }] }, null, 2));
    process.env.CITY_LEDGER_CHAINCODES = file;
  });

  afterAll(async () => {
    // The org's chaincode hosts serve it on the spare port offset: back to the declared
    // chaincodes only, so that the next run can use it.
    delete process.env.CITY_LEDGER_CHAINCODES;
    rmSync(dir, { recursive: true, force: true });
    await startChaincodeHosts();
  });

  test("deploys and answers on every peer, served by each org's chaincode host, and no peer restarts", async () => {
    const before = await peerPids();
    expect(Object.values(before).every((pid) => pid !== undefined)).toBe(true);
    await networkScript('deploy', name);
    // No process of its own: each org's one chaincode host serves it with the others.
    const running = [...(await runningNodes()).keys()];
    expect(running.filter((id) => id.includes('-chaincode'))).toEqual(expect.arrayContaining(consortium().orgs.map((org) => `${org.key}-chaincodes`)));
    expect(running.filter((id) => id.includes(name))).toEqual([]);
    for (const [org, peer] of allPeers()) {
      const out = await peerCli(org, peer, [
        'chaincode', 'query', '-C', networkEnv().CHANNEL_NAME, '-n', name, '-c', '{"Args":["org.hyperledger.fabric:GetMetadata"]}',
      ]);
      const metadata = out.split('\n').find((line) => line.startsWith('{'));
      expect(JSON.parse(metadata ?? '{}').contracts).toHaveProperty('credentials');
    }
    expect(await peerPids()).toEqual(before);
  });
});
