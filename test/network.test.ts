import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:https';
import { promisify } from 'node:util';
import {
  allPeers,
  allPorts,
  consortium,
  layout,
  networkEnv,
  networkScript,
  peerCli,
  peerHeight,
  REPO_DIR,
} from './support/network';
import { gatewayOrigin } from './support/http';

const run = promisify(execFile);

async function heights(): Promise<number[]> {
  return Promise.all(allPeers().map(([o, p]) => peerHeight(o, p)));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the City Ledger network', () => {
  test('every CA, orderer and peer reports healthy', async () => {
    const out = await networkScript('status');
    for (const o of consortium().orgs) {
      expect(out).toMatch(new RegExp(`ca-${o.key}\\s+up`));
      for (const p of o.peers) expect(out).toMatch(new RegExp(`${o.key}-${p.name}\\s+up\\s+healthy`));
    }
  });

  test("no process shows a department's secret on its command line, which any local user reads in /proc", () => {
    // Every secret the orgs' homes hold: CA bootstrap passwords, enrolment secrets, API keys.
    const files = consortium().orgs.flatMap((org) => {
      const home = layout().orgDir(org);
      const inside = (dir: string, suffix = '') => readdirSync(path.join(home, dir)).filter((f) => f.endsWith(suffix)).map((f) => path.join(home, dir, f));
      return [path.join(home, 'ca', 'bootstrap.secret'), path.join(home, 'tlsca', 'bootstrap.secret'), ...inside('secrets'), ...inside(path.join('gateway', 'keys'), '.key')];
    });
    const secrets = files.map((f) => readFileSync(f, 'utf8').trim()).filter((s) => s.length >= 8);
    expect(secrets.length).toBeGreaterThan(4 * consortium().orgs.length);
    const commandLines = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((pid) => {
        try {
          return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
        } catch {
          return []; // ended meanwhile
        }
      });
    expect(commandLines.some((line) => line.includes('fabric-ca-server'))).toBe(true);
    expect(commandLines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  });

  test("status lists an org's certificates soonest first, its gateway's among them, and the gateway's gauge has the soonest", async () => {
    const out = await networkScript('status', '--certificates', '--org', 'registry');
    const rows = out.trim().split('\n').slice(1);
    const notAfter = rows.map((row) => row.slice(0, 10));
    expect(notAfter).toEqual([...notAfter].sort());
    expect(out).toMatch(/gateway-tls\s+registry\s+homes\/registry\/gateway\/tls\/server\.crt\s+.*CN=/);
    expect(out).toMatch(/node-tls\s+registry\s+homes\/registry\/nodes\/registry-peer0\/tls\/server\.crt/);
    expect(out).toMatch(/ca-root\s+registry\s+homes\/registry\/ca\/ca-cert\.pem/);
    expect(out).not.toMatch(/\s(health|auditor|publicworks)\s/);
    await expect(networkScript('status', '--certificates', '--org', 'nope')).rejects.toThrow(/UNKNOWN_ORG: no org "nope"/);

    const origin = gatewayOrigin('registry');
    const metrics = await new Promise<string>((resolve, reject) => {
      const req = request({ ...origin, port: origin.port + 10000, path: '/metrics' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const seconds = Number(/^city_certificate_expiry_seconds\{org="registry"\} (\S+)$/m.exec(metrics)?.[1]);
    // The gateway holds year-long certificates (its TLS, its users'): the soonest is within a year.
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(366 * 86400);
  });

  test('every peer, the Auditor and both Registry peers included, reports the same height on city', async () => {
    const all = await heights();
    expect(all).toHaveLength(5);
    expect(all[0]).toBeGreaterThanOrEqual(1);
    expect(new Set(all).size).toBe(1);
  });

  test("the Auditor's peer serves the config block, with every org and its anchor peer", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'city-config-'));
    try {
      const block = path.join(dir, 'config.pb');
      // No -o: the block comes from the Auditor's own peer, as a regulator would read it.
      await peerCli('auditor', 'peer0', ['channel', 'fetch', 'config', block, '-c', networkEnv().CHANNEL_NAME]);
      const decoded = path.join(dir, 'config.json');
      await run(path.join(networkEnv().FABRIC_BIN_DIR, 'configtxlator'), [
        'proto_decode', '--input', block, '--type', 'common.Block', '--output', decoded,
      ]);
      const config = JSON.parse(readFileSync(decoded, 'utf8')).data.data[0].payload.data.config;
      const appOrgs = config.channel_group.groups.Application.groups;
      for (const o of consortium().orgs) {
        const anchors = appOrgs[o.mspId].values.AnchorPeers.value.anchor_peers;
        expect(anchors).toEqual(o.peers.filter((p) => p.anchor).map((p) => ({ host: '127.0.0.1', port: p.port })));
      }
      // The regulator is read-only: its clients cannot satisfy its Writers policy.
      expect(JSON.stringify(appOrgs.AuditorMSP.policies.Writers)).not.toContain('"role":"MEMBER"');
      expect(Object.keys(config.channel_group.groups.Orderer.groups).sort()).toEqual(
        ['HealthMSP', 'PublicWorksMSP', 'RegistryMSP'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('restart keeps the ledgers: every peer comes back at the same height', async () => {
    const before = await heights();
    await networkScript('restart');
    expect(await heights()).toEqual(before);
  });

  test('after down no network port is listening, and up brings the same ledger back', async () => {
    const before = await heights();
    await networkScript('down');
    const open = [];
    for (const port of allPorts()) if (await portOpen(port)) open.push(port);
    expect(open).toEqual([]);

    await networkScript('up');
    expect(await heights()).toEqual(before);
  });

  test('up refuses an org file with a bad field, naming the file and the field', async () => {
    const orgs = mkdtempSync(path.join(os.tmpdir(), 'city-orgs-'));
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-runtime-'));
    try {
      cpSync(path.join(REPO_DIR, 'organizations'), orgs, { recursive: true });
      const file = path.join(orgs, 'health.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^mspId: .*$/m, 'mspId: 42'));
      const result = run('bash', [path.join(REPO_DIR, 'network', 'up.sh')], {
        env: { ...process.env, CITY_LEDGER_ORGS: orgs, CITY_LEDGER_RUNTIME: runtime },
      });
      await expect(result).rejects.toMatchObject({ stderr: expect.stringContaining(`${file}: field "mspId"`) });
    } finally {
      rmSync(orgs, { recursive: true, force: true });
      rmSync(runtime, { recursive: true, force: true });
    }
  });
});
