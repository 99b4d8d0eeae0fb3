import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CertificateFileError, certificateInventory, gatewayCertificateFiles, readCertificateFile, soonestExpiry } from './certificateInventory';
import { findOrg, loadConsortium } from './consortium';
import { GATEWAY_IDENTITY_RECORD, RuntimeLayout, signCertFile, tlsFiles } from './layout';

const consortium = loadConsortium(path.resolve(__dirname, '..', '..', 'organizations'));
const registry = findOrg(consortium, 'registry');

/**
 * The inventory over a runtime folder laid out as the network scripts lay it out, with
 * self-signed certificates openssl makes for a given number of days.
 */
describe('certificateInventory', () => {
  let root: string;
  let layout: RuntimeLayout;
  const now = new Date();

  /** Writes a certificate of CN `cn` valid for `days` days at `file`. */
  const cert = (file: string, cn: string, days: number) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = path.join(root, 'scratch.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', file, '-days', String(days), '-subj', `/O=City/CN=${cn}`], { stdio: 'ignore' });
  };
  const clientMsp = (user: string) => path.join(layout.clientDir(registry, user), 'msp');

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'city-certs-'));
    layout = new RuntimeLayout(root);
    cert(layout.caCertFile(registry, 'ca'), 'ca.registry', 3650);
    cert(layout.caCertFile(registry, 'tlsca'), 'tlsca.registry', 3650);
    cert(tlsFiles(layout.nodeDir(registry, 'peer0')).cert, 'peer0.registry', 30);
    cert(signCertFile(path.join(layout.nodeDir(registry, 'peer0'), 'msp')), 'peer0', 365);
    cert(signCertFile(clientMsp('admin')), 'admin', 365);
    cert(signCertFile(clientMsp('clerk1')), 'clerk1', 200);
    cert(signCertFile(clientMsp('permit-portal')), 'permit-portal', 5);
    writeFileSync(path.join(layout.clientDir(registry, 'permit-portal'), GATEWAY_IDENTITY_RECORD), '{}');
    cert(signCertFile(clientMsp('.half-written-x')), 'half-written', 1); // the keystore's temporary folder
    cert(signCertFile(path.join(layout.gatewayRegistrarDir(registry), 'msp')), 'gateway-registrar', 300);
    cert(tlsFiles(layout.gatewayDir(registry)).cert, 'gateway.registry', 90);
    cert(tlsFiles(layout.chaincodeServerDir(registry, 'records')).cert, 'records.registry', 2);
    // Another org's material is not registry's.
    cert(tlsFiles(layout.chaincodeServerDir(findOrg(consortium, 'health'), 'records')).cert, 'records.health', 1);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists every certificate of the org, soonest expiry first, with kind, path, subject and days left', () => {
    const entries = certificateInventory(layout, registry, now);
    expect(entries.map((e) => [e.kind, e.subject.match(/CN=(\S+)/)?.[1]])).toEqual([
      ['chaincode-server-tls', 'records.registry'],
      ['gateway-identity', 'permit-portal'],
      ['node-tls', 'peer0.registry'],
      ['gateway-tls', 'gateway.registry'],
      ['user', 'clerk1'],
      ['registrar', 'gateway-registrar'],
      ['node-enrolment', 'peer0'],
      ['admin', 'admin'],
      ['ca-root', 'ca.registry'],
      ['tlsca-root', 'tlsca.registry'],
    ]);
    const [first] = entries;
    expect(first?.path).toBe(path.join('homes', 'registry', 'chaincode', 'records', 'tls', 'server.crt'));
    expect(first?.subject).toBe('O=City, CN=records.registry');
    expect(first?.daysLeft).toBeGreaterThanOrEqual(1);
    expect(first?.daysLeft).toBeLessThanOrEqual(2);
  });

  it('counts whole days left, rounded down, and negative days once expired', () => {
    const soonest = certificateInventory(layout, registry, now)[0]?.notAfter.getTime() ?? 0;
    const daysLeftAt = (ms: number) => certificateInventory(layout, registry, new Date(ms))[0]?.daysLeft;
    expect(daysLeftAt(soonest - 36 * 3_600_000)).toBe(1);
    expect(daysLeftAt(soonest - 1000)).toBe(0);
    expect(daysLeftAt(soonest + 3_600_000)).toBe(-1);
  });

  it('gives the gateway the soonest expiry among the files it holds, not the nodes\' or chaincode servers\'', () => {
    const files = gatewayCertificateFiles(layout, registry, tlsFiles(layout.gatewayDir(registry)).cert);
    expect(files.map((f) => path.relative(root, f)).sort()).toEqual(
      [
        'homes/registry/gateway/tls/server.crt',
        'homes/registry/ca/ca-cert.pem',
        'homes/registry/clients/admin/msp/signcerts/cert.pem',
        'homes/registry/clients/clerk1/msp/signcerts/cert.pem',
        'homes/registry/clients/permit-portal/msp/signcerts/cert.pem',
        'homes/registry/registrars/gateway/msp/signcerts/cert.pem',
        'homes/registry/tlsca/ca-cert.pem',
      ].sort(),
    );
    const permitPortal = readCertificateFile(signCertFile(clientMsp('permit-portal')))[0];
    expect(soonestExpiry(files)?.toISOString()).toBe(new Date(permitPortal?.validTo ?? '').toISOString());
    expect(soonestExpiry([])).toBeUndefined();
  });

  it('is empty for an org with nothing enrolled yet', () => {
    expect(certificateInventory(layout, findOrg(consortium, 'auditor'), now)).toEqual([]);
  });

  it('reads every certificate of a chain file', () => {
    const chain = path.join(root, 'chain.pem');
    cert(path.join(root, 'a.pem'), 'a', 10);
    cert(path.join(root, 'b.pem'), 'b', 20);
    execFileSync('bash', ['-c', `cat "${root}/a.pem" "${root}/b.pem" > "${chain}"`]);
    expect(readCertificateFile(chain).map((c) => c.subject)).toEqual(['O=City\nCN=a', 'O=City\nCN=b']);
  });

  it('names a file that holds no certificate, or a broken one', () => {
    const empty = path.join(root, 'empty.pem');
    writeFileSync(empty, 'not a certificate\n');
    expect(() => readCertificateFile(empty)).toThrow(CertificateFileError);
    expect(() => readCertificateFile(empty)).toThrow(`${empty} holds no PEM certificate`);
    const broken = path.join(root, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => readCertificateFile(broken)).toThrow(/broken\.pem is not a readable certificate/);
  });
});
