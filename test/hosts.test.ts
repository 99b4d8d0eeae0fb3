import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { networkScript, REPO_DIR } from './support/network';

const run = promisify(execFile);

/**
 * Four departments on four simulated hosts: each in its own network namespace on a bridge the
 * test creates (in a namespace of its own, so nothing routes anywhere else), each with its own
 * Linux user owning its runtime (its home, its logs), so the file system itself forbids one
 * department from reading another's keys. What they share is one exchange folder (a group's).
 * Registry, Health, Public Works and the Auditor found the channel; Transit
 * (test/fixtures/transit.yaml, a fifth host) is admitted by the signatures of the others, each
 * made on its own host.
 */
const FOUNDERS = ['registry', 'health', 'publicworks', 'auditor'] as const;
const JOINER = 'transit';
const DEPARTMENTS = [...FOUNDERS, JOINER] as const;
type Department = (typeof DEPARTMENTS)[number];
const HUB = 'homes-hub';
const GROUP = 'homes-x';
const ns = (d: Department) => `homes-${d}`;
const user = (d: Department) => `homes-${d}`;
const address = (d: Department) => `10.254.27.${DEPARTMENTS.indexOf(d) + 1}`;
/** The veth ends: `-h` on the hub's bridge, `-d` in the department's namespace (15 characters at most). */
const veth = (d: Department, end: 'h' | 'd') => `hm${d.slice(0, 8)}-${end}`;

jest.setTimeout(1_200_000);

const root = mkdtempSync(path.join(os.tmpdir(), 'city-hosts-'));
const exchange = path.join(root, 'exchange');
const orgsDir = path.join(root, 'orgs');
const cacheDir = path.join(root, 'cache');
const runtime = (d: Department) => path.join(root, d);

const sh = (cmd: string, args: string[]) => run(cmd, args, { maxBuffer: 32 * 1024 * 1024 });
const ip = (...args: string[]) => sh('ip', args);

/** Runs a command as department `d`: its user, in its namespace, with its runtime. */
async function as(d: Department, script: string): Promise<string> {
  const env = [
    `HOME=${path.join(runtime(d), 'user-home')}`,
    `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`,
    `CITY_LEDGER_RUNTIME=${runtime(d)}`,
    `CITY_LEDGER_ORGS=${orgsDir}`,
    `CITY_LEDGER_CACHE=${cacheDir}`,
    `CITY_LEDGER_DEPARTMENT=${d}`,
  ];
  try {
    const { stdout } = await run('ip', ['netns', 'exec', ns(d), 'runuser', '-u', user(d), '--', 'env', '-i', ...env, 'bash', '-c', `umask 007 && cd ${REPO_DIR} && ${script}`], {
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${d}: ${script} failed: ${e.message}\n${(e.stderr ?? '').slice(-4000)}`);
  }
}
const step = (d: Department, name: string) => as(d, `bash network/department.sh ${name} --org ${d}`);
const each = (ds: readonly Department[], name: string) => Promise.all(ds.map((d) => step(d, name)));

/** Calls department `d`'s gateway from inside its namespace, as one of its org-file users. */
async function gateway(d: Department, userName: string, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  const key = readFileSync(path.join(runtime(d), 'homes', d, 'gateway', 'keys', `${userName}.key`), 'utf8').trim();
  const port = /^gatewayPort: (\d+)$/m.exec(readFileSync(path.join(orgsDir, `${d}.yaml`), 'utf8'))?.[1];
  const args = ['netns', 'exec', ns(d), 'curl', '-s', '--max-time', '60', '-w', '\n%{http_code}', '--cacert', path.join(exchange, 'msp', d, 'tlscacerts', 'tlsca.pem'), '-H', `X-Api-Key: ${key}`, '-X', method];
  if (body !== undefined) args.push('-H', 'Content-Type: application/json', '--data', JSON.stringify(body));
  const { stdout } = await run('ip', [...args, `https://${address(d)}:${port}${urlPath}`]);
  const lines = stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  const text = lines.join('\n');
  return { status, body: text ? JSON.parse(text) : undefined };
}

/** Height and current block hash of a department's first peer, asked as its own admin. */
async function chainInfo(d: Department): Promise<{ height: number; currentBlockHash: string }> {
  const out = await as(
    d,
    `source network/lib/common.sh && source network/lib/orgs.sh && use_toolchain && load_orgs "$(saved_profile)" && as_admin "$(org_peer ${d})" && peer channel getinfo -c city 2>/dev/null`,
  );
  return JSON.parse(out.replace(/^Blockchain info: /, ''));
}

/** Every file under `dir`, following no link. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(file);
    return e.isFile() ? [file] : [];
  });
}

/** Files of department homes that some process of another department holds open (from /proc/<pid>/fd). */
function crossOpenFiles(): string[] {
  const uids = new Map(DEPARTMENTS.map((d) => [statSync(runtime(d)).uid, d]));
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let owner: Department | undefined;
    let fds: string[] = [];
    try {
      owner = uids.get(statSync(`/proc/${pid}`).uid);
      if (!owner) continue;
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone meanwhile
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const other = DEPARTMENTS.find((d) => d !== owner && target.startsWith(`${runtime(d)}/`));
      if (other) found.push(`${owner} (pid ${pid}) holds ${target}`);
    }
  }
  return found;
}

/** The runtime root of every department's processes: each runs as its own user. */
function processesOf(d: Department): number {
  const uid = statSync(runtime(d)).uid;
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && (() => {
    try {
      return statSync(`/proc/${p}`).uid === uid;
    } catch {
      return false;
    }
  })()).length;
}

const timings: Record<string, number> = {};
async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[what] = Math.round((Date.now() - started) / 1000);
  }
}

describe('departments on their own hosts', () => {
  const openFilesSeen: string[] = [];
  const watchOpenFiles = () => openFilesSeen.push(...crossOpenFiles());
  // Every 2 s as well as after each step: what any process holds open, all through the test.
  let watcher: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    // The shared network's CPU, not its ports, is in the way (the hosts have their own addresses).
    await networkScript('down');
    chmodSync(root, 0o755);
    await sh('groupadd', ['-f', GROUP]);
    for (const d of DEPARTMENTS) {
      await sh('useradd', ['-M', '-N', '-g', GROUP, '-s', '/usr/sbin/nologin', user(d)]).catch(() => undefined);
    }
    // The exchange: the group's, every file in it readable and writable by the group.
    mkdirSync(exchange, { mode: 0o2770 });
    chmodSync(exchange, 0o2770);
    await sh('chgrp', [GROUP, exchange]);
    // The org files, every node on its department's host address.
    mkdirSync(orgsDir);
    for (const d of FOUNDERS) {
      const source = readFileSync(path.join(REPO_DIR, 'organizations', `${d}.yaml`), 'utf8');
      writeFileSync(path.join(orgsDir, `${d}.yaml`), source.replace(/^(domain: .*)$/m, `$1\nhost: ${address(d)}`));
    }
    // Fabric's binaries, readable by every department (the build cache is root's).
    const toolchain = readFileSync(path.join(os.homedir(), '.cache', 'city-ledger', 'toolchain.env'), 'utf8');
    const binDir = /^FABRIC_BIN_DIR='(.*)'$/m.exec(toolchain)?.[1] ?? '';
    const fabricDir = path.dirname(binDir);
    cpSync(fabricDir, path.join(cacheDir, 'toolchain'), { recursive: true });
    writeFileSync(path.join(cacheDir, 'toolchain.env'), toolchain.split(fabricDir).join(path.join(cacheDir, 'toolchain')));
    await sh('chmod', ['-R', 'go+rX', cacheDir]);
    for (const d of DEPARTMENTS) {
      mkdirSync(path.join(runtime(d), 'user-home'), { recursive: true });
      symlinkSync(exchange, path.join(runtime(d), 'exchange'));
      await sh('chown', ['-R', '-h', `${user(d)}:${GROUP}`, runtime(d)]);
      chmodSync(runtime(d), 0o700);
    }
    // The hosts: a namespace each, on one bridge in a namespace of its own.
    watcher = setInterval(() => {
      try {
        watchOpenFiles();
      } catch (err) {
        openFilesSeen.push(`the /proc watch failed: ${String(err)}`);
      }
    }, 2000);
    await ip('netns', 'add', HUB);
    await ip('-n', HUB, 'link', 'add', 'br0', 'type', 'bridge');
    await ip('-n', HUB, 'link', 'set', 'br0', 'up');
    for (const d of DEPARTMENTS) {
      await ip('netns', 'add', ns(d));
      await ip('-n', ns(d), 'link', 'set', 'lo', 'up');
      await ip('-n', HUB, 'link', 'add', veth(d, 'h'), 'type', 'veth', 'peer', 'name', veth(d, 'd'), 'netns', ns(d));
      await ip('-n', HUB, 'link', 'set', veth(d, 'h'), 'master', 'br0', 'up');
      await ip('-n', ns(d), 'addr', 'add', `${address(d)}/24`, 'dev', veth(d, 'd'));
      await ip('-n', ns(d), 'link', 'set', veth(d, 'd'), 'up');
    }
  });

  afterAll(async () => {
    clearInterval(watcher);
    for (const d of DEPARTMENTS) await as(d, 'bash network/down.sh').catch(() => undefined);
    for (const d of DEPARTMENTS) await ip('netns', 'del', ns(d)).catch(() => undefined);
    await ip('netns', 'del', HUB).catch(() => undefined);
    // The logs outlive the run, for a failed scenario: <shared runtime>/logs/hosts/<department>/.
    const kept = path.join(process.env.CITY_LEDGER_RUNTIME ?? path.join(REPO_DIR, '.runtime'), 'logs', 'hosts');
    rmSync(kept, { recursive: true, force: true });
    for (const d of DEPARTMENTS) {
      if (existsSync(path.join(runtime(d), 'logs'))) cpSync(path.join(runtime(d), 'logs'), path.join(kept, d), { recursive: true });
    }
    rmSync(root, { recursive: true, force: true });
    for (const d of DEPARTMENTS) await sh('userdel', [user(d)]).catch(() => undefined);
    await sh('groupdel', [GROUP]).catch(() => undefined);
    console.log(`hosts test figures (s): ${JSON.stringify(timings)}`);
    await networkScript('up');
  });

  test('four departments found the channel from four homes, each running only its own steps', async () => {
    await timed('bring-up', async () => {
      await each(FOUNDERS, 'ca');
      await each(FOUNDERS, 'publish');
      await step('registry', 'genesis');
      watchOpenFiles();
      await each(FOUNDERS, 'join');
      // One config update at a time: each department's anchor peers, signed by its own admin.
      for (const d of FOUNDERS) await step(d, 'anchor');
      // The Auditor, a regulator, signs its own anchor peers; a department submits them.
      const pending = readFileSync(path.join(exchange, 'channel', 'anchor-update', 'pending-proposal'), 'utf8').trim();
      await as('registry', `bash network/update.sh submit --org registry ${pending}`);
      // Registry packages (the exchange keeps the package), the others approve at once, and a
      // department that sees every approval commits.
      await step('registry', 'approve');
      await each(['health', 'publicworks', 'auditor'], 'approve');
      await step('registry', 'approve');
      await each(FOUNDERS, 'serve');
    });
    watchOpenFiles();
    for (const d of FOUNDERS) {
      expect(readdirSync(path.join(runtime(d), 'homes'))).toEqual([d]);
      expect(statSync(path.join(runtime(d), 'homes', d)).mode & 0o777).toBe(0o700);
      expect(processesOf(d)).toBeGreaterThan(3);
    }
    // The file system forbids a department to read another's home.
    await expect(as('health', `ls ${path.join(runtime('registry'), 'homes', 'registry')}`)).rejects.toThrow(/Permission denied/);
  });

  test('no key or secret exists in two homes', () => {
    const owners = new Map<string, Department[]>();
    for (const d of FOUNDERS) {
      for (const file of filesUnder(path.join(runtime(d), 'homes', d)).filter((f) => /keystore|\.key$|secret|server\.key/.test(f))) {
        const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
        owners.set(hash, [...new Set([...(owners.get(hash) ?? []), d])]);
      }
    }
    expect(owners.size).toBeGreaterThan(20);
    expect([...owners.values()].filter((ds) => ds.length > 1)).toEqual([]);
  });

  test("records, logistics and identity commit through each department's gateway; the regulator's reads them", async () => {
    const id = `${Date.now().toString(36)}`;
    const parcel = { id: `PCL-H-${id}`, ownerId: `CIT-${id}`, location: 'Lot 4, Block 7', areaM2: 300, landUse: 'RESIDENTIAL', owner: { name: 'Ada Lovelace', address: '1 Analytical Way' } };
    expect((await gateway('registry', 'clerk1', 'POST', '/v1/parcels', parcel)).status).toBe(201);
    const quantityList = [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 12, uom: 'EA' }];
    expect((await gateway('health', 'officer1', 'POST', '/v1/shipments', { id: `SHP-H-${id}`, quantityList })).status).toBe(201);
    expect((await gateway('publicworks', 'officer1', 'POST', '/v1/shipments', { id: `SHP-P-${id}`, quantityList })).status).toBe(201);
    const read = await gateway('auditor', 'auditor1', 'GET', `/v1/shipments/SHP-P-${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: `SHP-P-${id}` });
    expect((await gateway('auditor', 'auditor1', 'GET', `/v1/parcels/${parcel.id}`)).status).toBe(200);
    // identity: Health registers a citizen, its personal data only on Health's peers.
    const citizen = { id: `CIT-H-${id}`, givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1815-12-10', address: '12 St James Sq' };
    expect((await gateway('health', 'officer1', 'POST', '/v1/citizens', citizen)).status).toBe(201);
    const record = await gateway('auditor', 'auditor1', 'GET', `/v1/citizens/${citizen.id}`);
    expect(record.status).toBe(200);
    expect(JSON.stringify(record.body)).not.toContain('Byron');
    watchOpenFiles();
  });

  test('admitting Transit needs the signatures of the other admins, each made in its own home', async () => {
    writeFileSync(path.join(orgsDir, `${JOINER}.yaml`), readFileSync(path.join(REPO_DIR, 'test', 'fixtures', `${JOINER}.yaml`), 'utf8').replace(/^(domain: .*)$/m, `$1\nhost: ${address(JOINER)}`));
    await step(JOINER, 'ca');
    await step(JOINER, 'publish');
    await step('registry', 'admit');
    const id = readFileSync(path.join(exchange, 'channel', 'member-update', 'pending-proposal'), 'utf8').trim();
    // One signature is not a majority: the orderer is never asked.
    await expect(as('registry', `bash network/update.sh submit --org registry ${id}`)).rejects.toThrow(/POLICY_NOT_MET/);
    await as('health', `bash network/update.sh sign --org health ${id}`);
    await as('publicworks', `bash network/update.sh sign --org publicworks ${id}`);
    await as('registry', `bash network/update.sh submit --org registry ${id}`);
    // Transit is in the channel, as the regulator's own peer sees the config.
    const orgs = await as(
      'auditor',
      'source network/lib/common.sh && source network/lib/orgs.sh && source network/lib/channel.sh && use_toolchain && load_orgs raft && ' +
        'fetch_config_json "$(org_peer auditor)" "$(channel_dir)/check-auditor" && jq -c ".channel_group.groups.Application.groups | keys" "$(channel_dir)/check-auditor/config.json"',
    );
    expect(JSON.parse(orgs)).toEqual(['AuditorMSP', 'HealthMSP', 'PublicWorksMSP', 'RegistryMSP', 'TransitMSP']);
    // The update carries the signatures made on the other hosts.
    expect(readdirSync(path.join(exchange, 'proposals', id, 'signatures')).sort()).toEqual(['HealthMSP.json', 'PublicWorksMSP.json', 'RegistryMSP.json']);
    watchOpenFiles();
  });

  test('a cut link stops only its department; back, its peers reach the same block hash', async () => {
    await ip('-n', ns('publicworks'), 'link', 'set', veth('publicworks', 'd'), 'down');
    const id = `${Date.now().toString(36)}`;
    const quantityList = [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 3, uom: 'EA' }];
    // Health goes on. Its first write may wait out a new Raft leader (Public Works' orderer may have
    // led) and answer 504 while its transaction is still on its way: it writes until one is 201.
    const statuses: number[] = [];
    for (let i = 0; i < 6 && statuses.at(-1) !== 201; i++) {
      statuses.push((await gateway('health', 'officer1', 'POST', '/v1/shipments', { id: `SHP-CUT-${id}-${i}`, quantityList })).status);
    }
    expect(statuses).toContain(201);
    const during = await gateway('publicworks', 'officer1', 'POST', '/v1/shipments', { id: `SHP-CUTP-${id}`, quantityList });
    expect(during.status).not.toBe(201);
    const ahead = await chainInfo('health');
    expect((await chainInfo('publicworks')).height).toBeLessThan(ahead.height);
    await ip('-n', ns('publicworks'), 'link', 'set', veth('publicworks', 'd'), 'up');
    await timed('catch-up', async () => {
      for (;;) {
        const [pw, health] = await Promise.all([chainInfo('publicworks'), chainInfo('health')]);
        if (pw.height === health.height && pw.height >= ahead.height) {
          expect(pw.currentBlockHash).toBe(health.currentBlockHash);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });
    watchOpenFiles();
  });

  test('no process of one department ever held a file of another home open', () => {
    watchOpenFiles();
    expect(openFilesSeen).toEqual([]);
  });
});
