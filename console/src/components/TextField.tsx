/**
 * A labelled one-line text input bound to one value of a form (see {@link Field}).
 *
 * @example
 * ```tsx
 * <TextField id="reg-id" label="Parcel ID" value={form.id} onChange={set('id')} />
 * ```
 */
import { Field } from './Field';

export function TextField({ id, label, value, onChange, inputMode }: { id: string; label: string; value: string; onChange: (e: { target: { value: string } }) => void; inputMode?: 'decimal' | 'numeric' }) {
  return (
    <Field id={id} label={label}>
      <input id={id} value={value} onChange={onChange} inputMode={inputMode} autoComplete="off" />
    </Field>
  );
}
