import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveChaincodes } from './serveChaincodes';

describe('serveChaincodes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'host-serve-'));
  const settingsFile = (packageIdFile: string) => {
    const file = path.join(dir, 'server.json');
    const tls = { certFile: 'c', keyFile: 'k', clientCaCertFile: 'ca' };
    writeFileSync(file, JSON.stringify({ chaincode: 'records', address: '127.0.0.1:1', modulePath: dir, packageIdFile, consortiumFile: 'x', tls }));
    return file;
  };

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
