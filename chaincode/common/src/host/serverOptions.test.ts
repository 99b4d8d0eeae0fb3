import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grpcDefaults, serverOptions } from './serverOptions';

describe('serverOptions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'host-options-'));
  const file = (name: string) => {
    writeFileSync(path.join(dir, name), `${name} bytes`);
    return path.join(dir, name);
  };
  const settings = {
    chaincode: 'records',
    address: '127.0.0.1:7070',
    modulePath: '/repo/chaincode/records',
    packageIdFile: '/rt/package-id',
    consortiumFile: '/rt/consortium.json',
    tls: { certFile: file('cert'), keyFile: file('key'), clientCaCertFile: file('ca') },
  };

  it('takes the `server` command’s grpc defaults', () => {
    expect(grpcDefaults()).toMatchObject({ 'grpc.keepalive_time_ms': 110000, 'grpc.max_send_message_length': -1 });
    expect(Object.keys(grpcDefaults()).every((name) => name.startsWith('grpc.'))).toBe(true);
  });

  it('serves the package ID on the address with the TLS files', () => {
    const options = serverOptions(settings, 'records_1:ab');
    expect(options).toMatchObject({ ccid: 'records_1:ab', address: '127.0.0.1:7070', 'grpc.keepalive_timeout_ms': 20000 });
    expect(options.tlsProps.key.toString()).toBe('key bytes');
    expect(options.tlsProps.cert.toString()).toBe('cert bytes');
    expect(options.tlsProps.clientCACerts.toString()).toBe('ca bytes');
  });

  it('fails on a missing TLS file', () => {
    expect(() => serverOptions({ ...settings, tls: { ...settings.tls, keyFile: path.join(dir, 'none') } }, 'x:1')).toThrow(/ENOENT/);
  });
});
