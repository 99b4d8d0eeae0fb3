/**
 * Who is calling: an authenticated city system or user. Every principal maps to its own
 * Fabric identity (`user`, an identity in the org's keystore); there is no shared
 * super-identity, so the chaincode sees, and checks, the real caller.
 */
export interface Principal {
  /** Stable name of the caller, for logs (`tax-system`). */
  readonly id: string;
  /** The Fabric identity it acts as: a user enrolled with the org's CA (`clerk1`). */
  readonly user: string;
  /** Roles the gateway checks at the route (defence in depth; the chaincode checks `city.role`). */
  readonly roles: readonly string[];
  /** How it authenticated; `anonymous` for a visitor on a public read (routes declared `anonymous`). */
  readonly via: 'api-key' | 'jwt' | 'anonymous';
}
