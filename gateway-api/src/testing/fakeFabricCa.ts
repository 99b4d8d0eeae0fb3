/**
 * A Fabric CA for unit tests: a plain HTTP server on 127.0.0.1 speaking the REST API the
 * gateway uses (`register`, `enroll`, `reenroll`, `revoke`), strict where the real one is strict. It checks
 * the registrar's token exactly as fabric-ca does (signature over method, URI, body and
 * certificate; low S), refuses a CSR whose CN is not the enrollment ID, and signs certificates
 * with openssl, carrying the `city.role` attribute in Fabric CA's extension.
 *
 * @example
 * ```ts
 * const ca = await FakeFabricCa.start(dir);
 * const client = new FabricCaClient({ url: ca.url });
 * // … ca.identities.get('permit-portal.registry')?.revoked
 * await ca.stop();
 * ```
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isLowS } from '../identities/der';

export interface FakeCaIdentity {
  readonly id: string;
  readonly type: string;
  readonly secret: string;
  readonly attrs: readonly { name: string; value: string; ecert?: boolean }[];
  enrollments: number;
  revoked?: string;
}

/** A self-signed certificate and its key, made with openssl. */
export function selfSigned(dir: string, name: string): { certificate: string; privateKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = path.join(dir, `${name}.key`);
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const certificate = execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${name}`, '-days', '2'], { stdio: 'pipe' }).toString();
  return { certificate, privateKey };
}

export class FakeFabricCa {
  readonly identities = new Map<string, FakeCaIdentity>();
  /** Every request: endpoint and who made it. */
  readonly requests: { endpoint: string; caller: string }[] = [];
  /** The registrar whose tokens the CA accepts. */
  readonly registrar: { credentials: Uint8Array; privateKey: KeyObject };
  private readonly caFiles: { cert: string; key: string };

  private constructor(
    private readonly dir: string,
    private readonly server: http.Server,
  ) {
    const root = selfSigned(dir, 'fake-ca');
    this.caFiles = { cert: path.join(dir, 'fake-ca.pem'), key: path.join(dir, 'fake-ca.key') };
    writeFileSync(this.caFiles.cert, root.certificate);
    const registrar = selfSigned(dir, 'gateway-registrar');
    this.registrar = { credentials: Buffer.from(registrar.certificate), privateKey: registrar.privateKey };
  }

  static async start(dir: string): Promise<FakeFabricCa> {
    const server = http.createServer();
    const ca = new FakeFabricCa(dir, server);
    server.on('request', (req, res) => ca.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return ca;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const answer = (status: number, result: unknown, error?: { code: number; message: string }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: !error, result: error ? null : result, errors: error ? [error] : [], messages: [] }));
      };
      try {
        const payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        const endpoint = req.url ?? '';
        if (endpoint === '/api/v1/enroll') {
          const caller = this.enroll(req.headers.authorization ?? '', payload, answer);
          this.requests.push({ endpoint, caller });
          return;
        }
        if (endpoint === '/api/v1/reenroll') {
          const caller = this.reenroll(req.headers.authorization ?? '', req.method ?? '', endpoint, body, payload, answer);
          this.requests.push({ endpoint, caller });
          return;
        }
        if (!this.tokenValid(req.headers.authorization ?? '', req.method ?? '', endpoint, body)) {
          answer(401, null, { code: 71, message: 'Authorization failure' });
          return;
        }
        this.requests.push({ endpoint, caller: 'registrar' });
        if (endpoint === '/api/v1/register') this.register(payload, answer);
        else if (endpoint === '/api/v1/revoke') this.revoke(payload, answer);
        else answer(404, null, { code: 0, message: 'no such endpoint' });
      } catch (err) {
        answer(500, null, { code: 0, message: (err as Error).message });
      }
    });
  }

  /** As fabric-ca util.VerifyToken: `b64cert.b64sig`, signature over `method.b64uri.b64body.b64cert`. */
  private tokenValid(token: string, method: string, uri: string, body: Buffer, expected: Uint8Array | null = this.registrar.credentials): boolean {
    const [b64cert = '', b64sig = ''] = token.split('.');
    const cert = Buffer.from(b64cert, 'base64');
    if (expected && !cert.equals(Buffer.from(expected))) return false;
    const signature = Buffer.from(b64sig, 'base64');
    const payload = `${method}.${Buffer.from(uri).toString('base64')}.${body.toString('base64')}.${b64cert}`;
    return isLowS(signature) && verify('sha256', Buffer.from(payload), new X509Certificate(cert).publicKey, signature);
  }

  private register(payload: Record<string, unknown>, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): void {
    const id = String(payload.id);
    if (this.identities.has(id)) return answer(409, null, { code: 74, message: `Identity '${id}' is already registered` });
    this.identities.set(id, {
      id,
      type: String(payload.type),
      secret: String(payload.secret),
      attrs: (payload.attrs ?? []) as FakeCaIdentity['attrs'],
      enrollments: 0,
    });
    answer(201, { secret: payload.secret });
  }

  private enroll(authorization: string, payload: Record<string, unknown>, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): string {
    const [id = '', secret = ''] = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString().split(':');
    const identity = this.identities.get(id);
    if (!identity || identity.secret !== secret || identity.revoked || identity.enrollments >= 1) {
      answer(401, null, { code: 20, message: 'Authentication failure' });
      return id;
    }
    const csr = String(payload.certificate_request);
    const subject = execFileSync('openssl', ['req', '-noout', '-verify', '-subject'], { input: csr, stdio: 'pipe' }).toString();
    if (!subject.includes(`CN = ${id}`) && !subject.includes(`CN=${id}`)) {
      answer(400, null, { code: 77, message: 'The CSR subject common name must equal the enrollment ID' });
      return id;
    }
    this.issue(identity, csr, answer);
    return id;
  }

  /**
   * As fabric-ca's reenroll: the token signed with the identity's current certificate, which
   * must be this CA's and unexpired; answers a new certificate for the CSR.
   */
  private reenroll(token: string, method: string, uri: string, body: Buffer, payload: Record<string, unknown>, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): string {
    const current = new X509Certificate(Buffer.from(token.split('.')[0] ?? '', 'base64'));
    const id = /CN=([^\n,]+)/.exec(current.subject)?.[1] ?? '';
    const identity = this.identities.get(id);
    const caCert = new X509Certificate(readFileSync(this.caFiles.cert));
    if (!identity || identity.revoked || !current.verify(caCert.publicKey) || new Date(current.validTo) < new Date() || !this.tokenValid(token, method, uri, body, null)) {
      answer(401, null, { code: 71, message: 'Authorization failure' });
      return id;
    }
    this.issue(identity, String(payload.certificate_request), answer);
    return id;
  }

  /** Signs the CSR for the identity, with its ecert attributes in Fabric CA's extension. */
  private issue(identity: FakeCaIdentity, csr: string, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): void {
    const attrs = Object.fromEntries(identity.attrs.filter((a) => a.ecert).map((a) => [a.name, a.value]));
    const json = JSON.stringify({ attrs: { ...attrs, 'hf.EnrollmentID': identity.id, 'hf.Type': identity.type } });
    const extFile = path.join(this.dir, `ext-${identity.id}`);
    writeFileSync(extFile, `1.2.3.4.5.6.7.8.1=DER:${Buffer.from(json).toString('hex')}\n`);
    const cert = execFileSync(
      'openssl',
      ['x509', '-req', '-CA', this.caFiles.cert, '-CAkey', this.caFiles.key, '-set_serial', `0x${Date.now().toString(16)}`, '-days', '1', '-extfile', extFile],
      { input: csr, stdio: 'pipe' },
    ).toString();
    identity.enrollments += 1;
    answer(201, { Cert: Buffer.from(cert).toString('base64'), ServerInfo: { CAName: 'ca-fake' } });
  }

  private revoke(payload: Record<string, unknown>, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): void {
    const identity = this.identities.get(String(payload.id));
    if (!identity) return answer(404, null, { code: 10, message: `Identity ${String(payload.id)} was not found` });
    identity.revoked = String(payload.reason);
    const crl = payload.gencrl ? Buffer.from('-----BEGIN X509 CRL-----\nZmFrZQ==\n-----END X509 CRL-----\n').toString('base64') : undefined;
    answer(200, { RevokedCerts: [{ Serial: 'abc', AKI: 'def' }], ...(crl ? { CRL: crl } : {}) });
  }
}

