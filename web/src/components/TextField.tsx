import { forwardRef, type InputHTMLAttributes } from 'react';
import { FieldFrame, describedBy } from './FieldFrame';

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input with its hint and error beside it. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ name, label, hint, error, required, ...input }, ref) {
  return (
    <FieldFrame base={name} label={label} hint={hint} error={error} required={required}>
      <input
        ref={ref}
        id={`field-${name}`}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
});
