/**
 * Department staff: issue a credential, checked in the browser with the domain's
 * `CredentialDocument` schema (the API's body), then shown as the exact JSON to hand to the
 * citizen (it is verified byte for byte, as canonical JSON); and suspend, reinstate or revoke
 * one. The issuer is this gateway's department; the chaincode decides whether it may issue the type.
 */
import { useState, type FormEvent } from 'react';
import { CREDENTIAL_TYPES, CredentialDocument } from '@domain/identity/credential';
import { api, ApiError } from '../api';
import { checked } from '../checked';
import { Field } from '../components/Field';
import { TextField } from '../components/TextField';
import { ProblemMessage } from '../components/Status';
import { session } from '../session';
import { useAction } from '../useAction';

const today = new Date().toISOString().slice(0, 10);
const EMPTY = { id: '', type: 'residency', schemaId: '', schemaVersion: '1.0', subject: '', validFrom: `${today}T00:00:00Z`, validUntil: '', claims: '{}' };
const ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;

function StatusChange() {
  const [id, setId] = useState('');
  const change = useAction<{ result: { status: string } }>();
  return (
    <>
      <h2>Suspend, reinstate or revoke</h2>
      <div className="inline-form">
        <TextField id="status-credential-id" label="ID of the credential to change" value={id} onChange={(e) => setId(e.target.value)} />
        {ACTIONS.map((action) => (
          <button key={action} type="button" disabled={change.busy || id.trim() === ''} onClick={() => void change.run(() => api('POST', `/v1/credentials/${encodeURIComponent(id.trim())}/${action}`, undefined))}>
            {action[0]?.toUpperCase() + action.slice(1)}
          </button>
        ))}
      </div>
      {change.error && <ProblemMessage error={change.error} />}
      {change.result && (
        <p role="status" className="done">
          The credential is now {change.result.result.status}.
        </p>
      )}
    </>
  );
}

export function CredentialsView() {
  const [form, setForm] = useState(EMPTY);
  const issue = useAction<CredentialDocument>();
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    await issue.run(async () => {
      let claims: unknown;
      try {
        claims = JSON.parse(form.claims);
      } catch {
        throw new ApiError(400, 'INVALID_ARGUMENT', 'credential.claims must be valid JSON');
      }
      const document = checked(
        CredentialDocument,
        { id: form.id, type: form.type, schema: { id: form.schemaId, version: form.schemaVersion }, subject: form.subject, issuer: session.who()?.org ?? '', validFrom: form.validFrom, validUntil: form.validUntil, claims },
        'credential',
      );
      await api('POST', '/v1/credentials', document);
      return document;
    });
  }

  return (
    <section aria-labelledby="credentials-title">
      <h1 id="credentials-title">Credentials</h1>
      <h2>Issue a credential</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="cred-id" label="Credential ID" value={form.id} onChange={set('id')} />
        <Field id="cred-type" label="Type">
          <select id="cred-type" value={form.type} onChange={set('type')}>
            {CREDENTIAL_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </Field>
        <TextField id="cred-schema" label="Schema ID (URI)" value={form.schemaId} onChange={set('schemaId')} />
        <TextField id="cred-schema-version" label="Schema version" value={form.schemaVersion} onChange={set('schemaVersion')} />
        <TextField id="cred-subject" label="Subject's citizen pseudonym" value={form.subject} onChange={set('subject')} />
        <TextField id="cred-from" label="Valid from (UTC, 2026-01-01T00:00:00Z)" value={form.validFrom} onChange={set('validFrom')} />
        <TextField id="cred-until" label="Valid until (UTC)" value={form.validUntil} onChange={set('validUntil')} />
        <Field id="cred-claims" label="Claims (a JSON object)">
          <textarea id="cred-claims" rows={4} value={form.claims} onChange={set('claims')} spellCheck={false} />
        </Field>
        <button type="submit" disabled={issue.busy}>
          {issue.busy ? 'Issuing…' : 'Issue'}
        </button>
      </form>
      {issue.error && <ProblemMessage error={issue.error} />}
      {issue.result && (
        <div role="status" className="done">
          <p>Issued. Give the holder this document exactly as it is; any change shows as TAMPERED.</p>
          <pre className="document">{JSON.stringify(issue.result)}</pre>
        </div>
      )}
      <StatusChange />
    </section>
  );
}
