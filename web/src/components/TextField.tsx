import { forwardRef, type InputHTMLAttributes } from 'react';
import { FieldFrame, describedBy } from './FieldFrame';

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Base of the element ids when the same field name appears more than once on a page (a prefix per form). */
  idBase?: string;
}

/** A labelled input with its hint and error beside it. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField(
  { name, label, hint, error, required, idBase, ...input },
  ref,
) {
  const base = idBase ?? name;
  return (
    <FieldFrame base={base} label={label} hint={hint} error={error} required={required}>
      <input
        ref={ref}
        id={`field-${base}`}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(base, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
});
