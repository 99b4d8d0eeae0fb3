import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BUILD = path.resolve(__dirname, '..', 'ccaas-builder', 'bin', 'build');

/** Runs the ccaas builder's build step as a peer would, with the two propagated variables. */
describe('ccaas builder: build', () => {
  let dir: string;
  const sub = (name: string) => path.join(dir, name);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'city-ccaas-'));
    for (const d of ['src', 'meta', 'out', 'tls']) mkdirSync(sub(d));
    writeFileSync(path.join(sub('src'), 'connection.json'), JSON.stringify({ address: 'records', dial_timeout: '10s' }));
    for (const f of ['ca.crt', 'server.crt', 'server.key']) writeFileSync(path.join(sub('tls'), f), `${f}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const build = (addresses: Record<string, string>, addressesFile: string | null = sub('addresses.json')) => {
    writeFileSync(sub('addresses.json'), JSON.stringify(addresses));
    const env: NodeJS.ProcessEnv = { ...process.env, CITY_LEDGER_PEER_TLS_DIR: sub('tls') };
    if (addressesFile === null) delete env.CITY_LEDGER_CHAINCODE_ADDRESSES_FILE;
    else env.CITY_LEDGER_CHAINCODE_ADDRESSES_FILE = addressesFile;
    return execFileSync('bash', [BUILD, sub('src'), sub('meta'), sub('out')], {
      env,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  };

  test("fills in the org's server address, read from the file at build time, and the peer's TLS material", () => {
    build({ identity: '127.0.0.1:7071', records: '127.0.0.1:7070' });
    const connection = JSON.parse(readFileSync(path.join(sub('out'), 'connection.json'), 'utf8'));
    expect(connection).toMatchObject({ address: '127.0.0.1:7070', tls_required: true, client_auth_required: true, client_key: 'server.key\n' });
  });

  test('names the chaincode when the file has no address for it', () => {
    expect(() => build({ identity: '127.0.0.1:7071' })).toThrow(/no server address for chaincode 'records'/);
  });

  test('a peer started before its env file existed is told to restart once', () => {
    expect(() => build({ records: '127.0.0.1:7070' }, null)).toThrow(/started before its env file existed; restart it once/);
  });
});
