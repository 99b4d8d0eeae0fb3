import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChaincodeServer } from 'fabric-shim';
import { consortiumDescriptorFixture } from './fixtures/fixtureChaincode';
import { serveChaincodes } from './serveChaincodes';

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket.end() !== undefined));
    socket.on('error', () => resolve(false));
  });

describe('serveChaincodes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'host-serve-'));
  const settingsFile = (packageIdFile: string) => {
    const file = path.join(dir, 'server.json');
    const tls = { certFile: 'c', keyFile: 'k', clientCaCertFile: 'ca' };
    writeFileSync(file, JSON.stringify({ chaincode: 'records', address: '127.0.0.1:1', modulePath: dir, packageIdFile, consortiumFile: 'x', tls }));
    return file;
  };

  it('serves each chaincode on its own address, with its package ID and TLS files', async () => {
    const key = path.join(dir, 'server.key');
    const cert = path.join(dir, 'server.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const consortiumFile = path.join(dir, 'consortium.json');
    writeFileSync(consortiumFile, JSON.stringify(consortiumDescriptorFixture));
    const files = [];
    const ports = [];
    for (const name of ['alpha', 'beta']) {
      const port = await freePort();
      const packageIdFile = path.join(dir, `${name}.package-id`);
      writeFileSync(packageIdFile, `${name}_1:ab\n`);
      const file = path.join(dir, `${name}.json`);
      const modulePath = path.join(__dirname, 'fixtures', name);
      const tls = { certFile: cert, keyFile: key, clientCaCertFile: cert };
      writeFileSync(file, JSON.stringify({ chaincode: name, address: `127.0.0.1:${port}`, modulePath, packageIdFile, consortiumFile, tls }));
      files.push(file);
      ports.push(port);
    }
    const lines: string[] = [];
    let servers: ChaincodeServer[] = [];
    try {
      servers = await serveChaincodes(files, (line) => lines.push(line));
      expect(lines).toEqual([`serving alpha as alpha_1:ab on 127.0.0.1:${ports[0]}`, `serving beta as beta_1:ab on 127.0.0.1:${ports[1]}`]);
      for (const port of ports) expect(await accepts(port)).toBe(true);
    } finally {
      // fabric-shim's server offers no stop; its grpc-js server does.
      for (const server of servers) (server as unknown as { _server: { forceShutdown(): void } })._server.forceShutdown();
    }
  });

  it('needs at least one chaincode', async () => {
    await expect(serveChaincodes([], () => undefined)).rejects.toThrow(/usage/);
  });

  it('refuses invalid settings, naming the file', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{"chaincode":"records"}');
    await expect(serveChaincodes([file], () => undefined)).rejects.toThrow(/bad\.json.*address/);
  });

  it('refuses a chaincode that is not packaged', async () => {
    await expect(serveChaincodes([settingsFile(path.join(dir, 'none'))], () => undefined)).rejects.toThrow(/records: its package ID cannot be read/);
    writeFileSync(path.join(dir, 'empty'), '\n');
    await expect(serveChaincodes([settingsFile(path.join(dir, 'empty'))], () => undefined)).rejects.toThrow(/is empty/);
  });
});
