/**
 * JWT bearer tokens (`Authorization: Bearer <token>`), signed by the city's identity provider:
 * HS256 with a shared secret, and/or RS256 with keys from a JWKS (fetched over https and
 * re-fetched when a token names an unknown `kid`, so key rotation needs no restart).
 *
 * A token is accepted only if its algorithm is one configured (never `none`; an HS256 token is
 * refused where only RS256 is configured, and each algorithm is verified only with its own kind
 * of key, so an RSA public key can never serve as an HMAC secret), its signature verifies, `iss`
 * and `aud` are the configured ones, and `exp` (required) and `nbf` hold, with 30 s of clock skew.
 *
 * **Which Fabric identity a token acts as is decided here, not by the token.** The subject file
 * maps each accepted `sub` to a principal name, the enrolled Fabric user it acts as, and its
 * roles (the same entries as the API key file):
 *
 * ```json
 * { "permit-portal": { "principal": "permit-portal", "user": "clerk1", "roles": ["clerk"] } }
 * ```
 *
 * A token that could name its own Fabric user would let anyone able to obtain a token from the
 * provider (any client it serves, any of its admins) act as any enrolled identity of the org.
 * With the mapping, the provider vouches only for *who* is calling; the gateway operator decides
 * what that caller may act as. A `sub` not in the file is refused. A token may carry a `roles`
 * claim (an array of strings): it then **narrows** the mapped roles to those it lists (a token
 * minted for a narrower task), and can never add one.
 *
 * Every refusal answers 401 `INVALID_TOKEN` with `WWW-Authenticate: Bearer error="invalid_token"`.
 * When the JWKS cannot be fetched, the answer is 503 `KEYS_UNAVAILABLE`: the token may be fine.
 *
 * @example
 * ```ts
 * const jwt = JwtAuthenticator.fromConfig(config.jwt);   // throws ConfigError on a bad file
 * createApp({ ..., authenticators: [apiKeys, jwt] });
 * ```
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigError } from '../configError';
import { HttpProblem } from '../errors';
import type { AuthResult, Authenticator } from './authenticator';
import type { Principal } from './principal';
import { loadPrincipalFile, usersOf, type PrincipalEntry } from './principalFile';

/** JWT bearer-token settings (from config.ts). At least one of the key sources is set. */
export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  /** HS256 shared secret file (mode checked: 0600 or tighter). */
  readonly hs256SecretFile?: string;
  /** RS256 keys: fetched from a URL (and re-fetched for an unknown `kid`), or read from a file. */
  readonly jwks?: { readonly url: URL } | { readonly file: string };
  readonly subjectsFile: string;
}

export type JwtAlgorithm = 'HS256' | 'RS256';

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash (32 bytes). */
export const MIN_HS256_SECRET_BYTES = 32;

/** Token subjects in the subject file: printable ASCII, no spaces. */
export const SUBJECT_PATTERN = '^[\\x21-\\x7e]{1,255}$';

const CLOCK_TOLERANCE_SECONDS = 30;
const BEARER = /^Bearer\s+(\S+)$/i;

export interface JwtAuthenticatorOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Enables HS256. */
  readonly hs256Secret?: Uint8Array;
  /** Enables RS256: a key set from {@link remoteJwks} or {@link localJwks}. */
  readonly jwks?: JWTVerifyGetKey;
  /** Token `sub` → principal. */
  readonly subjects: ReadonlyMap<string, PrincipalEntry>;
}

/** A JWKS fetched from `url` and cached; an unknown `kid` re-fetches it at most every `cooldownMs`. */
export function remoteJwks(url: URL, cooldownMs = 30_000): JWTVerifyGetKey {
  return createRemoteJWKSet(url, { cooldownDuration: cooldownMs, timeoutDuration: 5_000, cacheMaxAge: 10 * 60_000 });
}

/** A JWKS read once from a file (for offline use; rotating keys then needs a restart). */
export function localJwks(file: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
  } catch (err) {
    throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', `${file} is not a JWKS ({"keys": [...]}): ${(err as Error).message}`);
  }
}

export class JwtAuthenticator implements Authenticator {
  readonly scheme = 'Bearer';
  readonly algorithms: readonly JwtAlgorithm[];
  private readonly secret?: KeyObject;
  private readonly options: JwtAuthenticatorOptions;

  constructor(options: JwtAuthenticatorOptions) {
    if (options.hs256Secret && options.hs256Secret.length < MIN_HS256_SECRET_BYTES) {
      throw new ConfigError('CITY_GATEWAY_JWT_HS256_SECRET_FILE', `the secret has ${options.hs256Secret.length} bytes; HS256 needs at least ${MIN_HS256_SECRET_BYTES}`);
    }
    this.options = options;
    this.secret = options.hs256Secret ? createSecretKey(options.hs256Secret) : undefined;
    this.algorithms = [...(this.secret ? ['HS256' as const] : []), ...(options.jwks ? ['RS256' as const] : [])];
    if (this.algorithms.length === 0) throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', 'JWT authentication needs an HS256 secret or a JWKS');
  }

  /** Reads the secret (a trailing newline is not part of it), the JWKS source and the subject file. */
  static fromConfig(config: JwtSettings): JwtAuthenticator {
    let hs256Secret: Uint8Array | undefined;
    if (config.hs256SecretFile !== undefined) {
      try {
        hs256Secret = new TextEncoder().encode(readFileSync(config.hs256SecretFile, 'utf8').replace(/\r?\n$/, ''));
      } catch (err) {
        throw new ConfigError('CITY_GATEWAY_JWT_HS256_SECRET_FILE', `cannot read ${config.hs256SecretFile}: ${(err as Error).message}`);
      }
    }
    const jwks = config.jwks === undefined ? undefined : 'url' in config.jwks ? remoteJwks(config.jwks.url) : localJwks(config.jwks.file);
    const subjects = loadPrincipalFile(config.subjectsFile, 'CITY_GATEWAY_JWT_SUBJECTS', SUBJECT_PATTERN);
    return new JwtAuthenticator({ issuer: config.issuer, audience: config.audience, subjects, ...(hs256Secret ? { hs256Secret } : {}), ...(jwks ? { jwks } : {}) });
  }

  /** Every mapped Fabric identity, so start-up can check they all exist. */
  users(): string[] {
    return usersOf(this.options.subjects.values());
  }

  async authenticate(req: Request): Promise<AuthResult> {
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (token === undefined) return { kind: 'absent' };

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keyFor, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.algorithms],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (err) {
      const reason = tokenProblem(err);
      if (reason === undefined) {
        req.log?.warn({ err }, 'cannot fetch the JWKS to verify a bearer token');
        throw new HttpProblem('KEYS_UNAVAILABLE', 'the token signing keys cannot be fetched; try again shortly', { headers: { 'Retry-After': '5' } });
      }
      return refuse(reason);
    }

    const entry = this.options.subjects.get(claims.sub ?? '');
    if (!entry) return refuse('the token subject is not known to this gateway');
    const roles = narrowedRoles(entry.roles, claims.roles);
    if (roles === undefined) return refuse('the roles claim must be an array of strings');
    const principal: Principal = { id: entry.principal, user: entry.user, roles, via: 'jwt' };
    return { kind: 'ok', principal };
  }

  /** HS256 gets the secret, RS256 a key of the JWKS; jose has already refused other algorithms. */
  private readonly keyFor: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && this.secret) return this.secret;
    if (header.alg === 'RS256' && this.options.jwks) return this.options.jwks(header, token);
    throw new joseErrors.JOSEAlgNotAllowed(`"${header.alg}" is not accepted`);
  };
}

function refuse(reason: string): AuthResult {
  return { kind: 'invalid', reason, code: 'INVALID_TOKEN', challenge: `Bearer error="invalid_token", error_description="${reason}"` };
}

/** The mapped roles, narrowed by the token's `roles` claim if it has one; undefined if the claim is malformed. */
function narrowedRoles(mapped: readonly string[], claim: unknown): readonly string[] | undefined {
  if (claim === undefined) return mapped;
  if (!Array.isArray(claim) || !claim.every((r): r is string => typeof r === 'string')) return undefined;
  return mapped.filter((role) => claim.includes(role));
}

/** Why a token is refused, in words fit for the client; undefined when the fault is fetching the keys. */
function tokenProblem(err: unknown): string | undefined {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return CLAIM_PROBLEMS[err.claim] ?? `the ${err.claim} claim is missing or wrong`;
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) return 'the token algorithm is not accepted';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) return 'no single signing key matches the token kid';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'the token is malformed';
  return undefined;
}

const CLAIM_PROBLEMS: Readonly<Record<string, string>> = {
  iss: 'the token was issued by another issuer',
  aud: 'the token was issued for another audience',
  nbf: 'the token is not valid yet, or its nbf is not a number',
  exp: 'the token has no valid expiry',
  sub: 'the token has no subject',
};
