/**
 * Who is signed in: a department user's API key, or a JWT from the city's identity provider,
 * kept in this tab's sessionStorage only (gone when the tab closes, never sent anywhere but
 * this gateway). Signed out, the console shows the public pages, which the gateway serves
 * without credentials.
 *
 * @example
 * ```ts
 * session.signIn({ kind: 'token', secret: jwt }, { user: 'permit-portal', org: 'RegistryMSP', roles: ['clerk'] });
 * session.headers();   // { Authorization: 'Bearer eyJ…' }, or { 'X-Api-Key': … } for a key, {} signed out
 * ```
 */
export interface SignedIn {
  readonly user: string;
  readonly org: string;
  readonly roles: readonly string[];
  /** The consortium's departments (`GET /v1/me`), e.g. a custody offer's possible receivers. */
  readonly departments?: readonly string[];
}

/** What the gateway authenticates: an API key (`X-Api-Key`) or a bearer token (`Authorization`). */
export interface Credential {
  readonly kind: 'key' | 'token';
  readonly secret: string;
}

const CREDENTIAL = 'city-ledger.credential';
const WHO = 'city-ledger.who';
const listeners = new Set<() => void>();

/** The request headers that present `credential` to the gateway. */
export function credentialHeaders(credential: Credential | undefined): Record<string, string> {
  if (!credential) return {};
  return credential.kind === 'token' ? { Authorization: `Bearer ${credential.secret}` } : { 'X-Api-Key': credential.secret };
}

export const session = {
  credential(): Credential | undefined {
    const raw = sessionStorage.getItem(CREDENTIAL);
    return raw ? (JSON.parse(raw) as Credential) : undefined;
  },
  headers(): Record<string, string> {
    return credentialHeaders(session.credential());
  },
  who(): SignedIn | undefined {
    const raw = sessionStorage.getItem(WHO);
    return raw ? (JSON.parse(raw) as SignedIn) : undefined;
  },
  signIn(credential: Credential, who: SignedIn): void {
    sessionStorage.setItem(CREDENTIAL, JSON.stringify(credential));
    sessionStorage.setItem(WHO, JSON.stringify(who));
    listeners.forEach((l) => l());
  },
  signOut(): void {
    sessionStorage.removeItem(CREDENTIAL);
    sessionStorage.removeItem(WHO);
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
