/**
 * The Fabric CA REST API (v1.5), over HTTPS with the CA's own root as the only trust anchor.
 * `register` and `revoke` are signed by a registrar's certificate and key; `enroll` is
 * authenticated with the enrollment ID and its one-time secret.
 *
 * The registrar's token is what fabric-ca-client sends (fabric-ca `util.GenECDSAToken`):
 * `base64(certPEM) "." base64(signature)`, the signature (ECDSA, SHA-256, low S) covering
 * `method "." base64(requestURI) "." base64(body) "." base64(certPEM)`.
 *
 * @example
 * ```ts
 * const ca = new FabricCaClient({ url: 'https://127.0.0.1:7054', caCert: readFileSync(layout.caCertFile(org)) });
 * await ca.register(registrar, { id: 'permit-portal.registry', type: 'client', secret, attrs: [...] });
 * const certPem = await ca.enroll('permit-portal.registry', secret, csrPem);
 * ```
 */
import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { lowSEcdsaSign } from './der';

/** Who signs registrar requests: a certificate (PEM) and its key. */
export interface CaSigner {
  readonly credentials: Uint8Array;
  readonly privateKey: KeyObject;
}

export interface FabricCaClientOptions {
  /** `https://127.0.0.1:7054` (http only for tests against a fake CA). */
  readonly url: string;
  /** PEM root the CA's TLS certificate must chain to. */
  readonly caCert?: Uint8Array;
  readonly timeoutMs?: number;
}

/** `attrs` entry of a registration; `ecert` puts it in the enrollment certificate. */
export interface CaAttribute {
  readonly name: string;
  readonly value: string;
  readonly ecert?: boolean;
}

export interface RegistrationRequest {
  readonly id: string;
  readonly type: string;
  readonly secret: string;
  readonly max_enrollments?: number;
  readonly affiliation?: string;
  readonly attrs?: readonly CaAttribute[];
}

export interface RevocationRequest {
  readonly id: string;
  /** An OCSP reason name Fabric CA knows (`keycompromise`, `cessationofoperation`, …). */
  readonly reason: string;
  readonly gencrl?: boolean;
}

export interface RevocationResult {
  readonly revoked: readonly { readonly serial: string; readonly aki: string }[];
  /** PEM CRL of every unexpired revoked certificate, when asked for. */
  readonly crl?: string;
}

/** The CA refused or failed a request: `status` is its HTTP status (0 when it did not answer), `code` its error code (74: already registered). */
export class FabricCaError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'FabricCaError';
  }
}

/** Fabric CA error codes the gateway acts on (fabric-ca `lib/caerrors`). */
export const CA_ERRORS = { DUPLICATE_IDENTITY: 74, REVOKE_ID_NOT_FOUND: 10 } as const;

interface CaResponse {
  success?: boolean;
  result?: unknown;
  errors?: { code?: number; message?: string }[];
}

const API = '/api/v1';

/** The registrar's Authorization token for one request. */
export function caAuthToken(signer: CaSigner, method: string, uri: string, body: Buffer): string {
  const b64cert = Buffer.from(signer.credentials).toString('base64');
  const payload = `${method}.${Buffer.from(uri).toString('base64')}.${body.toString('base64')}.${b64cert}`;
  return `${b64cert}.${lowSEcdsaSign(signer.privateKey, Buffer.from(payload)).toString('base64')}`;
}

export class FabricCaClient {
  private readonly base: URL;

  constructor(private readonly options: FabricCaClientOptions) {
    this.base = new URL(options.url);
  }

  async register(registrar: CaSigner, request: RegistrationRequest): Promise<void> {
    await this.call('POST', '/register', request, registrar);
  }

  /** Enrolls with the one-time secret; answers the certificate, PEM. */
  async enroll(id: string, secret: string, csrPem: string): Promise<string> {
    const basic = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const result = (await this.call('POST', '/enroll', { certificate_request: csrPem }, basic)) as { Cert?: string };
    if (typeof result?.Cert !== 'string') throw new FabricCaError(502, undefined, 'the CA answered an enrollment without a certificate');
    return Buffer.from(result.Cert, 'base64').toString('utf8');
  }

  /** Re-enrolls an identity with a new key (`csrPem`), authenticated by its current, unexpired certificate. */
  async reenroll(current: CaSigner, csrPem: string): Promise<string> {
    const result = (await this.call('POST', '/reenroll', { certificate_request: csrPem }, current)) as { Cert?: string };
    if (typeof result?.Cert !== 'string') throw new FabricCaError(502, undefined, 'the CA answered a re-enrollment without a certificate');
    return Buffer.from(result.Cert, 'base64').toString('utf8');
  }

  async revoke(registrar: CaSigner, request: RevocationRequest): Promise<RevocationResult> {
    const result = (await this.call('POST', '/revoke', request, registrar)) as { RevokedCerts?: { Serial: string; AKI: string }[]; CRL?: string };
    return {
      revoked: (result?.RevokedCerts ?? []).map((c) => ({ serial: c.Serial, aki: c.AKI })),
      ...(result?.CRL ? { crl: Buffer.from(result.CRL, 'base64').toString('utf8') } : {}),
    };
  }

  private async call(method: string, endpoint: string, payload: unknown, auth: CaSigner | string): Promise<unknown> {
    const url = new URL(`${this.base.pathname.replace(/\/$/, '')}${API}${endpoint}`, this.base);
    const body = Buffer.from(JSON.stringify(payload));
    const authorization = typeof auth === 'string' ? auth : caAuthToken(auth, method, url.pathname + url.search, body);
    const { status, text } = await this.send(url, method, body, authorization);
    let parsed: CaResponse;
    try {
      parsed = JSON.parse(text) as CaResponse;
    } catch {
      throw new FabricCaError(status, undefined, `the CA answered ${status} with a body that is not JSON`);
    }
    if (status >= 300 || parsed.success !== true) {
      const first = parsed.errors?.[0];
      throw new FabricCaError(status, first?.code, first?.message ?? `the CA answered ${status}`);
    }
    return parsed.result;
  }

  private send(url: URL, method: string, body: Buffer, authorization: string): Promise<{ status: number; text: string }> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization },
          ...(url.protocol === 'https:' ? { ca: this.options.caCert ? Buffer.from(this.options.caCert) : undefined } : {}),
          timeout: this.options.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`the CA at ${url.origin} did not answer in time`)));
      req.on('error', (err) => reject(new FabricCaError(0, undefined, `cannot reach the CA at ${url.origin}: ${err.message}`)));
      req.end(body);
    });
  }
}
