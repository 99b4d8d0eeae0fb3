/**
 * A labelled form field: every input has a visible label tied to it, and its error (from the
 * domain validator) is announced and linked with aria-describedby.
 *
 * @example
 * ```tsx
 * <Field id="parcel-id" label="Parcel ID" error={errors['parcel.id']}><input id="parcel-id" … /></Field>
 * ```
 */
import type { ReactNode } from 'react';

export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
