import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { FieldFrame, describedBy } from './FieldFrame';

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
  return (
    <FieldFrame base={base} label={label} hint={hint} error={error} required={required}>
      <textarea
        ref={ref}
        id={`field-${base}`}
        name={name}
        rows={4}
        className="field__input field__textarea"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(base, hint, error)}
        {...area}
      />
    </FieldFrame>
  );
});
