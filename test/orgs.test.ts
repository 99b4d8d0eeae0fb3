import { StatusCode } from '@hyperledger/fabric-gateway';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientSession, connectAs } from './support/gateway';
import { failureOf } from './support/errors';
import { networkScript, peerHeight, REPO_DIR } from './support/network';

/**
 * Onboarding and offboarding a department, as Department IT does it: a new org
 * file (test/fixtures/transit.yaml), `org.sh add`, then `org.sh remove`. It runs
 * in a runtime and an org folder of its own, so that the shared network and
 * organizations/ are never changed; the shared network (same ports) is
 * stopped meanwhile and brought back afterwards.
 */
describe('a department joins and leaves the channel', () => {
  const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-orgs-'));
  const orgsDir = path.join(runtime, 'organizations');
  const transitFile = path.join(REPO_DIR, 'test', 'fixtures', 'transit.yaml');
  const saved = { ...process.env };
  const shipment = (id: string) =>
    JSON.stringify({ id, quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1, uom: 'KGM' }] });
  const run = Date.now().toString(36);
  const sessions: ClientSession[] = [];
  const session = async (...args: Parameters<typeof connectAs>) => {
    const s = await connectAs(...args);
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    await networkScript('down');
    cpSync(path.join(REPO_DIR, 'organizations'), orgsDir, { recursive: true });
    // Every script this file runs, and the support helpers, use this runtime and org folder.
    process.env.CITY_LEDGER_RUNTIME = runtime;
    process.env.CITY_LEDGER_ORGS = orgsDir;
    await networkScript('up');
  }, 900_000);

  afterAll(async () => {
    sessions.forEach((s) => s.close());
    await networkScript('clean').catch(() => undefined);
    rmSync(runtime, { recursive: true, force: true });
    process.env = saved;
    await networkScript('up');
  }, 900_000);

  test('org add --from-snapshot: from its org file to endorsing, its peer joined from a snapshot; a second run changes nothing', async () => {
    const started = Date.now();
    const out = await networkScript('org', 'add', transitFile, '--from-snapshot');
    process.stdout.write(`\norg add took ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    // A majority of the four member orgs' admins (3), departments, each with its own admin.
    expect(out).toMatch(/orgs of city: .*TransitMSP.*: signed by the admins of health publicworks registry\n/);
    expect(out).toMatch(/approving logistics sequence \d+ for TransitMSP/);
    // A fresh channel holds no private data yet, so the snapshot imports (README "Join by snapshot").
    expect(out).toMatch(/snapshot of city at block \d+ \(height \d+\) from health\/peer0/);
    expect(out).toMatch(/peer transit\/peer0 is on city at height \d+, the same last block as health\/peer0/);
    expect(out).not.toMatch(/joins from the genesis block instead/);

    const again = await networkScript('org', 'add', transitFile);
    expect(again).toContain('the orgs of city match the org files');
    expect(again).not.toMatch(/approving|committing|signed by/);
    // Transit's peer keeps up with the chain (it may be a block behind for a moment).
    const heights = async () => [await peerHeight('transit', 'peer0'), await peerHeight('registry', 'peer0')];
    let [transit, registry] = await heights();
    for (let i = 0; i < 30 && transit !== registry; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      [transit, registry] = await heights();
    }
    expect(transit).toBe(registry);
  });

  test('a department with the permits remit reviews a permit, with no code change; without the remit it gets FORBIDDEN', async () => {
    const permits = (await session('registry', 'clerk1')).contract('records', 'permits');
    const apply = (id: string) =>
      permits.submit('applyForPermit', {
        arguments: [JSON.stringify({ id, kind: 'BUILDING', applicantId: `CIT-${run}`, description: 'Bus shelter' })],
        transientData: { applicant: Buffer.from(JSON.stringify({ name: 'Ada Byron' })) },
      });
    const review = async (id: string) => (await session('transit', 'registrar1')).contract('records', 'permits').submitTransaction('reviewPermit', id);

    // test/fixtures/transit.yaml declares `remits: [permits]`: org add is all it takes.
    await apply(`PM-${run}-1`);
    const reviewed = JSON.parse(Buffer.from(await review(`PM-${run}-1`)).toString()) as { status: string };
    expect(reviewed.status).toBe('UNDER_REVIEW');
    // Records are endorsed by the registers' keepers (property, vital records): Transit's own
    // peer alone cannot endorse a records write, whatever its chaincode server answers.
    await apply(`PM-${run}-3`);
    const ownPeerOnly = (await session('transit', 'registrar1'))
      .contract('records', 'permits')
      .newProposal('reviewPermit', { arguments: [`PM-${run}-3`], endorsingOrganizations: ['TransitMSP'] });
    const ownStatus = await (await (await ownPeerOnly.endorse()).submit()).getStatus();
    expect(ownStatus.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);

    // The same department without the remit: its org file changes, and deploy.sh upgrades records.
    const file = path.join(orgsDir, 'transit.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^remits: .*\n/m, ''));
    expect(await networkScript('deploy', 'records')).toMatch(/committing records sequence/);
    await apply(`PM-${run}-2`);
    expect(await failureOf(review(`PM-${run}-2`))).toMatch(/FORBIDDEN: organization TransitMSP holds none of the remits permits/);
  });

  test("a write that only Transit's peer endorses commits: logistics' anyDepartment policy now counts Transit", async () => {
    const works = await session('publicworks', 'officer1');
    const proposal = works
      .contract('logistics', 'shipments')
      .newProposal('createShipment', { arguments: [shipment(`SHP-${run}`)], endorsingOrganizations: ['TransitMSP'] });
    const status = await (await (await proposal.endorse()).submit()).getStatus();
    expect(status.code).toBe(StatusCode.VALID);
  });

  test("org remove: Transit's client can no longer transact, its nodes stop", async () => {
    // Through Public Works' peer, so that only the channel's membership changes between the two submits.
    const transit = await session('transit', 'officer1', undefined, 'publicworks');
    const metadata = () => transit.contract('logistics').submitTransaction('org.hyperledger.fabric:GetMetadata');
    await expect(metadata()).resolves.toBeDefined();

    const out = await networkScript('org', 'remove', 'transit');
    expect(out).toMatch(/orgs of city: AuditorMSP, HealthMSP, PublicWorksMSP, RegistryMSP: signed by the admins of health publicworks registry\n/);
    expect(out).toMatch(/stopped transit-peer0/);
    expect(await failureOf(metadata())).toMatch(/access denied|creator|unknown|not a member|identity/i);

    // The definitions that counted Transit were upgraded without it, and the rest of the network works on.
    expect(out).toMatch(/committing logistics sequence/);
    expect(out).toMatch(/committing identity sequence/);
    const works = await session('publicworks', 'officer1');
    await expect(works.contract('logistics', 'shipments').submitTransaction('createShipment', shipment(`SHP-${run}-after`))).resolves.toBeDefined();

    const again = await networkScript('org', 'remove', 'transit');
    expect(again).not.toMatch(/signed by|committing/);
  });

  test('consenter add and remove: one Raft consenter at a time, never below three', async () => {
    const registryFile = path.join(orgsDir, 'registry.yaml');
    const declared = readFileSync(registryFile, 'utf8');
    const orderer1 = '  - name: orderer1\n    port: 7250\n    adminPort: 7253\n    operationsPort: 17250\n    profiles: [raft]\n';
    writeFileSync(registryFile, declared.replace('peers:\n', `${orderer1}peers:\n`));
    const added = await networkScript('consenter', 'add', 'registry', 'orderer1');
    // A majority of the three orderer orgs' admins, Registry's among them (its endpoints change).
    expect(added).toMatch(/consenters of city \(added, removed, size\): \[\["127.0.0.1:7250"\],\[\],4\]: signed by the admins of registry health\n/);
    expect(added).toContain('registry/orderer1 is a consenter of city');

    writeFileSync(registryFile, declared);
    const removed = await networkScript('consenter', 'remove', 'registry', 'orderer1');
    expect(removed).toMatch(/\[\[\],\["127.0.0.1:7250"\],3\]/);

    // Going below three is refused, and changes nothing.
    const healthFile = path.join(orgsDir, 'health.yaml');
    const health = readFileSync(healthFile, 'utf8');
    writeFileSync(healthFile, health.replace('operationsPort: 18050\n', 'operationsPort: 18050\n    profiles: [bft]\n'));
    try {
      await expect(networkScript('consenter', 'remove', 'health', 'orderer0')).rejects.toThrow(/refusing to go below three consenters/);
    } finally {
      writeFileSync(healthFile, health);
    }
    const works = await session('publicworks', 'officer1');
    await expect(works.contract('logistics', 'shipments').submitTransaction('createShipment', shipment(`SHP-${run}-raft`))).resolves.toBeDefined();
  });
});
