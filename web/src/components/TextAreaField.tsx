import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { FieldErrorText, fieldErrorId } from './FieldErrors';

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `${name}-hint` : null, error ? fieldErrorId(name) : null].filter(Boolean).join(' ') || undefined;
}

/** A labelled text area with its hint and its error beside it, like TextField (every screen's one text area). */
interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Base of the element ids when the same field name appears more than once on a page. */
  idBase?: string;
}

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextAreaField(
  { name, label, hint, error, required, idBase, ...area },
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
      <textarea
        ref={ref}
        id={id}
        name={name}
        rows={4}
        className="field__input field__textarea"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(base, hint, error)}
        {...area}
      />
      <FieldErrorText name={base} message={error} />
    </div>
  );
});
