/**
 * A Fabric CA for unit tests: a plain HTTP server on 127.0.0.1 speaking the REST API the
 * gateway uses (`register`, `enroll`, `revoke`), strict where the real one is strict. It checks
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
import { writeFileSync } from 'node:fs';
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
  private tokenValid(token: string, method: string, uri: string, body: Buffer): boolean {
    const [b64cert = '', b64sig = ''] = token.split('.');
    const cert = Buffer.from(b64cert, 'base64');
    if (!cert.equals(Buffer.from(this.registrar.credentials))) return false;
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
    const attrs = Object.fromEntries(identity.attrs.filter((a) => a.ecert).map((a) => [a.name, a.value]));
    const json = JSON.stringify({ attrs: { ...attrs, 'hf.EnrollmentID': id, 'hf.Type': identity.type } });
    const extFile = path.join(this.dir, `ext-${identity.id}`);
    writeFileSync(extFile, `1.2.3.4.5.6.7.8.1=DER:${Buffer.from(json).toString('hex')}\n`);
    const cert = execFileSync(
      'openssl',
      ['x509', '-req', '-CA', this.caFiles.cert, '-CAkey', this.caFiles.key, '-set_serial', `0x${Date.now().toString(16)}`, '-days', '1', '-extfile', extFile],
      { input: csr, stdio: 'pipe' },
    ).toString();
    identity.enrollments += 1;
    answer(201, { Cert: Buffer.from(cert).toString('base64'), ServerInfo: { CAName: 'ca-fake' } });
    return id;
  }

  private revoke(payload: Record<string, unknown>, answer: (s: number, r: unknown, e?: { code: number; message: string }) => void): void {
    const identity = this.identities.get(String(payload.id));
    if (!identity) return answer(404, null, { code: 10, message: `Identity ${String(payload.id)} was not found` });
    identity.revoked = String(payload.reason);
    const crl = payload.gencrl ? Buffer.from('-----BEGIN X509 CRL-----\nZmFrZQ==\n-----END X509 CRL-----\n').toString('base64') : undefined;
    answer(200, { RevokedCerts: [{ Serial: 'abc', AKI: 'def' }], ...(crl ? { CRL: crl } : {}) });
  }
}

