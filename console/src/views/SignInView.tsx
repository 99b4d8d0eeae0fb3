/**
 * Department staff sign in with their API key (the gateway's `.runtime/gateway/<org>/keys/<user>.key`
 * or one issued by `POST /v1/admin/identities`). The key is checked with `GET /v1/me` before it
 * is kept, and only in this tab.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { Field } from '../components/Field';
import { ProblemMessage } from '../components/Status';
import { session } from '../session';

interface Me {
  id: string;
  roles: string[];
  mspId: string;
  departments: string[];
}

export function SignInView({ onSignedIn }: { onSignedIn: (roles: readonly string[]) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<ApiError>();
  const who = session.who();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const response = await fetch('/v1/me', { headers: { 'X-Api-Key': key.trim(), Accept: 'application/json' } });
    const body = (await response.json()) as Me & { code?: string; detail?: string };
    if (!response.ok) {
      setError(new ApiError(response.status, body.code ?? 'UNAUTHENTICATED', body.detail ?? 'the key was refused'));
      return;
    }
    session.signIn(key.trim(), { user: body.id, org: body.mspId, roles: body.roles, departments: body.departments });
    onSignedIn(body.roles);
  }

  if (who) {
    return (
      <section aria-labelledby="signin-title">
        <h1 id="signin-title">Signed in</h1>
        <p>
          As <strong>{who.user}</strong> of {who.org} ({who.roles.join(', ')}).
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
      <p>Department staff and regulators sign in with their API key. It is kept in this tab only.</p>
      <form onSubmit={(e) => void submit(e)}>
        <Field id="api-key" label="API key">
          <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </Field>
        <button type="submit" disabled={key.trim() === ''}>
          Sign in
        </button>
      </form>
      {error && <ProblemMessage error={error} />}
    </section>
  );
}
