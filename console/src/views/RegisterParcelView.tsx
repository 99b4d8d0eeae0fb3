/**
 * Department staff: register a parcel. The form is checked in the browser with the domain's
 * own schema (`ParcelRegistration`) and validator, the ones the gateway and the chaincode run,
 * so it refuses exactly what the API would; the API's answer (or problem) is shown as it is.
 * The owner's name and address go to the Registry's private collection, never to a block.
 */
import { useState, type FormEvent } from 'react';
import { LAND_USES, ParcelRegistration } from '@domain/records/property';
import { api } from '../api';
import { checked } from '../checked';
import { Field } from '../components/Field';
import { TextField } from '../components/TextField';
import { ProblemMessage } from '../components/Status';
import { useAction } from '../useAction';

interface Submitted {
  txId: string;
  blockNumber: number;
}

const EMPTY = { id: '', ownerId: '', location: '', areaM2: '', landUse: 'RESIDENTIAL', name: '', address: '' };

export function RegisterParcelView() {
  const [form, setForm] = useState(EMPTY);
  const register = useAction<Submitted & { id: string }>();
  const { busy, result: done, error } = register;
  const set = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    await register.run(async () => {
      const body = checked(
        ParcelRegistration,
        { id: form.id, ownerId: form.ownerId, location: form.location, areaM2: form.areaM2, landUse: form.landUse, owner: { name: form.name, address: form.address } },
        'parcel',
      );
      const result = await api<Submitted>('POST', '/v1/parcels', body);
      setForm(EMPTY);
      return { ...result, id: body.id };
    });
  }

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Register a parcel</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="reg-id" label="Parcel ID" value={form.id} onChange={set('id')} />
        <TextField id="reg-owner-id" label="Title holder's citizen pseudonym" value={form.ownerId} onChange={set('ownerId')} />
        <TextField id="reg-location" label="Location" value={form.location} onChange={set('location')} />
        <TextField id="reg-area" label="Area (m²)" inputMode="decimal" value={form.areaM2} onChange={set('areaM2')} />
        <Field id="reg-land-use" label="Land use">
          <select id="reg-land-use" value={form.landUse} onChange={set('landUse')}>
            {LAND_USES.map((use) => (
              <option key={use}>{use}</option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>Owner (private to the Registry)</legend>
          <TextField id="reg-name" label="Owner's name" value={form.name} onChange={set('name')} />
          <TextField id="reg-address" label="Owner's postal address" value={form.address} onChange={set('address')} />
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? 'Registering…' : 'Register'}
        </button>
      </form>
      {error && <ProblemMessage error={error} />}
      {done && (
        <p role="status" className="done">
          Parcel {done.id} registered in block {done.blockNumber}, transaction <code className="txid">{done.txId}</code>.
        </p>
      )}
    </section>
  );
}
