/**
 * Every certificate of an org that the runtime holds, with its expiry: what `npm run status --
 * --certificates` prints, soonest first, and what the gateway's expiry gauge reads (only the
 * files the gateway itself uses: {@link gatewayCertificateFiles}). Files are read at each call,
 * so a certificate renewed on disk shows at once. A missing file (a node not enrolled yet) is
 * left out; a file that is not a certificate is an error naming it.
 *
 * @example
 * const layout = new RuntimeLayout('.runtime');
 * certificateInventory(layout, registry)[0];
 * // { kind: 'node-tls', path: 'nodes/registry-peer0/tls/server.crt', subject: 'CN=peer0.registry.city.local',
 * //   notAfter: 2027-11-30T22:00:00.000Z, daysLeft: 364 }
 * soonestExpiry(gatewayCertificateFiles(layout, registry, tlsFiles(layout.gatewayDir(registry)).cert)); // a Date
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CA_KINDS, clientTlsFiles, GATEWAY_IDENTITY_RECORD, RuntimeLayout, signCertFile, tlsFiles } from './layout';
import { OrgDeclaration } from './orgFile';

/** What a certificate is for; the order in which status lists kinds when expiries tie. */
export const CERTIFICATE_KINDS = [
  'ca-root',
  'tlsca-root',
  'ca-server-tls',
  'node-enrolment',
  'node-tls',
  'admin',
  'user',
  'gateway-identity',
  'client-tls',
  'monitoring-tls',
  'registrar',
  'gateway-tls',
  'chaincode-server-tls',
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** A file that should hold certificates of that kind. */
export interface CertificateSource {
  readonly kind: CertificateKind;
  readonly file: string;
  /** Whose it is, as `renew` names it: the node (`peer0`), client (`admin`), registrar (`ca`), chaincode or `monitoring`; none for a CA's own. */
  readonly owner?: string;
}

export interface CertificateEntry {
  readonly kind: CertificateKind;
  /** See {@link CertificateSource.owner}. */
  readonly owner?: string;
  /** Relative to the runtime folder. */
  readonly path: string;
  /** One line: `CN=peer0, OU=peer, O=Hyperledger`. */
  readonly subject: string;
  readonly notAfter: Date;
  /** Whole days from now to notAfter, rounded down: negative once expired. */
  readonly daysLeft: number;
}

/** A certificate file that does not parse: the message names the file. */
export class CertificateFileError extends Error {
  readonly code = 'UNREADABLE_CERTIFICATE';
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const DAY_MS = 86_400_000;

/** Every certificate in a PEM file (a chain holds several). */
export function readCertificateFile(file: string): X509Certificate[] {
  const blocks = readFileSync(file, 'utf8').match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new CertificateFileError(`${file} holds no PEM certificate`);
  try {
    return blocks.map((pem) => new X509Certificate(pem));
  } catch (err) {
    throw new CertificateFileError(`${file} is not a readable certificate (${(err as Error).message})`);
  }
}

/** The certificate files of one org in the runtime's layout, those that exist. */
export function certificateSources(layout: RuntimeLayout, org: OrgDeclaration): CertificateSource[] {
  const sources: CertificateSource[] = [
    { kind: 'ca-root', file: layout.caCertFile(org, 'ca') },
    { kind: 'tlsca-root', file: layout.caCertFile(org, 'tlsca') },
    ...CA_KINDS.map((kind) => ({ kind: 'ca-server-tls' as const, file: tlsFiles(layout.caHome(org, kind)).cert })),
    ...[...org.orderers, ...org.peers].flatMap(({ name }) => {
      const home = layout.nodeDir(org, name);
      return [
        { kind: 'node-enrolment' as const, file: signCertFile(path.join(home, 'msp')), owner: name },
        { kind: 'node-tls' as const, file: tlsFiles(home).cert, owner: name },
      ];
    }),
    ...clientSources(layout, org),
    // The client TLS certificates network/lib/crypto.sh enrols beside each client's MSP.
    ...clientNames(layout, org).map((user) => ({ kind: 'client-tls' as const, file: clientTlsFiles(layout.clientDir(org, user)).cert, owner: user })),
    { kind: 'monitoring-tls', file: clientTlsFiles(layout.monitoringDir(org)).cert, owner: 'monitoring' },
    ...(['ca', 'tlsca', 'gateway'] as const).map((registrar) => ({ kind: 'registrar' as const, file: signCertFile(path.join(layout.registrarDir(org, registrar), 'msp')), owner: registrar })),
    { kind: 'gateway-tls', file: tlsFiles(layout.gatewayDir(org)).cert },
    ...subfolders(layout.chaincodeServersDir(org)).map((chaincode) => ({ kind: 'chaincode-server-tls' as const, file: tlsFiles(layout.chaincodeServerDir(org, chaincode)).cert, owner: chaincode })),
  ];
  return sources.filter((s) => existsSync(s.file));
}

/**
 * The files an org's gateway holds and reads: the org's CA roots, its own TLS certificate
 * (`tlsCert`, as configured), its registrar at the CA and every identity in its keystore.
 */
export function gatewayCertificateFiles(layout: RuntimeLayout, org: OrgDeclaration, tlsCert: string): string[] {
  return [layout.caCertFile(org, 'ca'), layout.caCertFile(org, 'tlsca'), tlsCert, signCertFile(path.join(layout.gatewayRegistrarDir(org), 'msp')), ...clientSources(layout, org).map((s) => s.file)].filter((f) => existsSync(f));
}

/** Every certificate of the org, soonest expiry first. */
export function certificateInventory(layout: RuntimeLayout, org: OrgDeclaration, now = new Date()): CertificateEntry[] {
  return certificateSources(layout, org)
    .flatMap(({ kind, file, owner }) =>
      readCertificateFile(file).map((cert) => {
        const notAfter = new Date(cert.validTo);
        return { kind, ...(owner === undefined ? {} : { owner }), path: path.relative(layout.root, file), subject: cert.subject.split('\n').join(', '), notAfter, daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS) };
      }),
    )
    .sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime() || CERTIFICATE_KINDS.indexOf(a.kind) - CERTIFICATE_KINDS.indexOf(b.kind) || a.path.localeCompare(b.path));
}

/** The earliest notAfter among the certificates in these files; undefined when there are none. */
export function soonestExpiry(files: readonly string[]): Date | undefined {
  const times = files.flatMap((file) => readCertificateFile(file).map((cert) => new Date(cert.validTo).getTime()));
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

/** Identities in the org's client folder: the scripts' admin and users, and those the gateway enrolled. */
function clientSources(layout: RuntimeLayout, org: OrgDeclaration): CertificateSource[] {
  return clientNames(layout, org).map((user) => {
    const dir = layout.clientDir(org, user);
    const kind = user === 'admin' ? 'admin' : existsSync(path.join(dir, GATEWAY_IDENTITY_RECORD)) ? 'gateway-identity' : 'user';
    return { kind, file: signCertFile(path.join(dir, 'msp')), owner: user };
  });
}

/** Dot-folders are the keystore's half-written or half-removed identities. */
function clientNames(layout: RuntimeLayout, org: OrgDeclaration): string[] {
  return subfolders(layout.clientsDir(org)).filter((name) => !name.startsWith('.'));
}

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
