import { forwardRef, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldErrorText, fieldErrorId } from '../../components/FieldErrors';

/* Labelled select with the error beside it, like TextField (shared by the host and admin screens). */

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `${name}-hint` : null, error ? fieldErrorId(name) : null].filter(Boolean).join(' ') || undefined;
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Base of the element ids when the same field name appears more than once on a page. */
  idBase?: string;
  children: ReactNode;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField(
  { name, label, hint, error, required, idBase, children, ...select },
  ref,
) {
  const base = idBase ?? name;
  const id = `field-${base}`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required">必須</span>}
      </label>
      {hint && (
        <p id={`${base}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <select
        ref={ref}
        id={id}
        name={name}
        className="field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(base, hint, error)}
        {...select}
      >
        {children}
      </select>
      <FieldErrorText name={base} message={error} />
    </div>
  );
});
