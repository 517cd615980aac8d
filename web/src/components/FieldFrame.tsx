import type { ReactNode } from 'react';
import { FieldErrorText, fieldErrorId } from './FieldErrors';

/** The ids a control points to with aria-describedby: its hint and its error, when shown. */
export function describedBy(base: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? `${base}-hint` : null, error ? fieldErrorId(base) : null].filter(Boolean).join(' ') || undefined;
}

/**
 * Label, hint and error around one control (TextField, TextAreaField, SelectField): the error has a mark and text,
 * never colour alone. The control takes the id `field-<base>` and describedBy(base, hint, error).
 */
export function FieldFrame({
  base,
  label,
  hint,
  error,
  required,
  children,
}: {
  base: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`field-${base}`} className="field__label">
        {label}
        {required && <span className="field__required">必須</span>}
      </label>
      {hint && (
        <p id={`${base}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      <FieldErrorText name={base} message={error} />
    </div>
  );
}
