/**
 * Department staff and regulators sign in with their API key (the gateway's
 * `.runtime/gateway/<org>/keys/<user>.key`, or one issued by `POST /v1/admin/identities`) or
 * with a JWT from the city's identity provider (sent as `Authorization: Bearer`; the gateway
 * maps its subject to a principal, auth/jwt.ts). Either is checked with `GET /v1/me` before it
 * is kept, and only in this tab.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { Field } from '../components/Field';
import { ProblemMessage } from '../components/Status';
import { credentialHeaders, session, type Credential } from '../session';

interface Me {
  id: string;
  roles: string[];
  mspId: string;
  departments: string[];
}

const KINDS: Record<Credential['kind'], string> = { key: 'API key', token: 'Token (JWT)' };

export function SignInView({ onSignedIn }: { onSignedIn: (roles: readonly string[]) => void }) {
  const [kind, setKind] = useState<Credential['kind']>('key');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError>();
  const who = session.who();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const credential: Credential = { kind, secret: secret.trim() };
    const response = await fetch('/v1/me', { headers: { ...credentialHeaders(credential), Accept: 'application/json' } });
    const body = (await response.json()) as Me & { code?: string; detail?: string };
    if (!response.ok) {
      setError(new ApiError(response.status, body.code ?? 'UNAUTHENTICATED', body.detail ?? `the ${KINDS[kind]} was refused`));
      return;
    }
    session.signIn(credential, { user: body.id, org: body.mspId, roles: body.roles, departments: body.departments });
    onSignedIn(body.roles);
  }

  if (who) {
    return (
      <section aria-labelledby="signin-title">
        <h1 id="signin-title">Signed in</h1>
        <p>
          As <strong>{who.user}</strong> of {who.org} ({who.roles.join(', ')}), with {session.credential()?.kind === 'token' ? 'a token from the identity provider' : 'an API key'}.
        </p>
        <button type="button" onClick={() => session.signOut()}>
          Sign out
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>Department staff and regulators sign in with their API key, or with a token (JWT) from the city's identity provider. It is kept in this tab only.</p>
      <form onSubmit={(e) => void submit(e)}>
        <Field id="credential-kind" label="Sign in with">
          <select id="credential-kind" value={kind} onChange={(e) => setKind(e.target.value as Credential['kind'])}>
            {Object.entries(KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="credential-secret" label={KINDS[kind]}>
          <input id="credential-secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </Field>
        <button type="submit" disabled={secret.trim() === ''}>
          Sign in
        </button>
      </form>
      {error && <ProblemMessage error={error} />}
    </section>
  );
}
