/**
 * Public: verify a presented credential. The citizen pastes (or loads from a file) the JSON
 * document; the gateway's `verify` answers VALID, REVOKED, SUSPENDED, EXPIRED, TAMPERED or
 * UNKNOWN, checked by the chaincode against the ledger at a transaction time it names.
 */
import { useState, type FormEvent } from 'react';
import type { VerificationResult } from '@domain/identity/credential';
import { api, ApiError } from '../api';
import { Field } from '../components/Field';
import { ProblemMessage } from '../components/Status';
import { useAction } from '../useAction';

type Verdict = VerificationResult;

const MEANING: Record<Verdict['status'], string> = {
  VALID: 'The document is the one the department issued, and it is in force.',
  REVOKED: 'The issuing department revoked it.',
  SUSPENDED: 'The issuing department suspended it.',
  EXPIRED: 'It is outside its validity window.',
  TAMPERED: 'The document differs from the one issued: its hash does not match the ledger.',
  UNKNOWN: 'No credential with this ID was ever issued on the ledger.',
};

export function VerifyView() {
  const [text, setText] = useState('');
  const verify = useAction<Verdict>();
  const { busy, result: verdict, error } = verify;

  async function submit(event: FormEvent) {
    event.preventDefault();
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      verify.fail(new ApiError(400, 'MALFORMED_JSON', 'the credential is not valid JSON'));
      return;
    }
    await verify.run(() => api<Verdict>('POST', '/v1/credentials/verify', document));
  }

  async function load(file: File | undefined) {
    if (file) setText(await file.text());
  }

  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">Verify a credential</h1>
      <p>Paste the credential or certificate you were shown, or load its file. Nothing you paste is stored.</p>
      <form onSubmit={(e) => void submit(e)}>
        <Field id="credential-json" label="Credential (JSON)">
          <textarea id="credential-json" rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </Field>
        <Field id="credential-file" label="…or load a file">
          <input id="credential-file" type="file" accept="application/json,.json" onChange={(e) => void load(e.target.files?.[0])} />
        </Field>
        <button type="submit" disabled={busy || text.trim() === ''}>
          {busy ? 'Verifying…' : 'Verify'}
        </button>
      </form>
      {error && <ProblemMessage error={error} />}
      {verdict && (
        <div className={`verdict verdict-${verdict.status.toLowerCase()}`} role="status">
          <h2>{verdict.status}</h2>
          <p>{MEANING[verdict.status]}</p>
          <dl>
            <dt>Credential</dt>
            <dd>{verdict.credentialId}</dd>
            <dt>Checked against the ledger at</dt>
            <dd>{verdict.checkedAt}</dd>
            {verdict.reason !== undefined && (
              <>
                <dt>Reason</dt>
                <dd>{verdict.reason}</dd>
              </>
            )}
            <dt>Evidence</dt>
            <dd>the identity chaincode's <code>verify</code>: the document's hash against the issued one, the issuer's status list, the validity window</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
