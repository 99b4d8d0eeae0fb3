/**
 * A one-field lookup: a labelled input and a button that hands the trimmed value on (a parcel
 * ID, a round ID, a transaction ID). The button is disabled while the field is empty.
 *
 * @example
 * ```tsx
 * <LookupForm id="parcel-lookup" label="Parcel ID" button="Look up" onLookup={setId} />
 * ```
 */
import { useState, type FormEvent } from 'react';
import { Field } from './Field';

export function LookupForm({ id, label, button, onLookup }: { id: string; label: string; button: string; onLookup: (value: string) => void }) {
  const [input, setInput] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onLookup(input.trim());
  }
  return (
    <form onSubmit={submit} className="inline-form">
      <Field id={id} label={label}>
        <input id={id} value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      <button type="submit" disabled={input.trim() === ''}>
        {button}
      </button>
    </form>
  );
}
