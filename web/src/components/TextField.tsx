import { forwardRef, type InputHTMLAttributes } from 'react';
import { FieldErrorText, fieldErrorId } from './FieldErrors';

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input with its hint and error beside it (never colour alone: the error has a mark and text). */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ name, label, hint, error, required, ...input }, ref) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${name}-hint` : null, error ? fieldErrorId(name) : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required">必須</span>}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <input
        ref={ref}
        id={id}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        {...input}
      />
      <FieldErrorText name={name} message={error} />
    </div>
  );
});
