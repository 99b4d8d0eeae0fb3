import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { layout, org } from './network';

/** One HTTP answer of a gateway, with the body parsed when it is JSON. */
export interface GatewayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The parsed JSON body (`undefined` when the body is not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers field by field
}

export interface CallOptions {
  /** A JSON value, or raw text sent as is (for malformed bodies). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The gateway folder network/nodes/gateway.sh fills for an org. */
export const gatewayDir = (orgKey: string) => layout().gatewayDir(org(orgKey));

/** The API key up.sh issued to an org-file user. */
export const apiKey = (orgKey: string, user: string) => readFileSync(path.join(gatewayDir(orgKey), 'keys', `${user}.key`), 'utf8').trim();

/** Where an org's gateway listens, and how to trust it: its org's TLS CA; its certificate names localhost. */
export function gatewayOrigin(orgKey: string) {
  const o = org(orgKey);
  return { host: '127.0.0.1', port: o.gatewayPort, ca: readFileSync(layout().tlsCaFile(o)), servername: 'localhost' };
}

/**
 * Calls an org's HTTPS gateway as a city system would: TLS checked against the org's TLS CA,
 * the user's API key in `X-Api-Key` (no key when `user` is undefined).
 *
 * @example
 * const clerk = gatewayAs('registry', 'clerk1');
 * const res = await clerk('POST', '/v1/parcels', { body: parcel });
 * expect(res.status).toBe(201);
 */
export function gatewayAs(orgKey: string, user?: string) {
  const origin = gatewayOrigin(orgKey);
  const key = user === undefined ? undefined : apiKey(orgKey, user);
  return (method: string, urlPath: string, options: CallOptions = {}): Promise<GatewayResponse> =>
    new Promise((resolve, reject) => {
      const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const headers: Record<string, string> = { ...(key ? { 'X-Api-Key': key } : {}) };
      if (payload !== undefined) headers['Content-Type'] = 'application/json';
      Object.assign(headers, options.headers);
      const req = request(
        { ...origin, method, path: urlPath, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              body = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(90_000, () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
      req.end(payload);
    });
}
