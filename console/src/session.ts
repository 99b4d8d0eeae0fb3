/**
 * Who is signed in: a department user's API key, kept in this tab's sessionStorage only (gone
 * when the tab closes, never sent anywhere but this gateway). Signed out, the console shows the
 * public pages, which the gateway serves without credentials.
 *
 * @example
 * ```ts
 * session.signIn(key, { user: 'clerk1', org: 'RegistryMSP', roles: ['clerk'] });
 * session.apiKey();   // the key, or undefined
 * ```
 */
export interface SignedIn {
  readonly user: string;
  readonly org: string;
  readonly roles: readonly string[];
  /** The consortium's departments (`GET /v1/me`), e.g. a custody offer's possible receivers. */
  readonly departments?: readonly string[];
}

const KEY = 'city-ledger.api-key';
const WHO = 'city-ledger.who';
const listeners = new Set<() => void>();

export const session = {
  apiKey(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  who(): SignedIn | undefined {
    const raw = sessionStorage.getItem(WHO);
    return raw ? (JSON.parse(raw) as SignedIn) : undefined;
  },
  signIn(key: string, who: SignedIn): void {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(WHO, JSON.stringify(who));
    listeners.forEach((l) => l());
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(WHO);
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
