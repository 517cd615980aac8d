import { forwardRef, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldFrame, describedBy } from './FieldFrame';

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** The choices; or pass <option>s as children. */
  options?: readonly { value: string; label: string }[];
  /** The label of the empty choice (value ""); none when omitted. */
  empty?: string;
  /** Base of the element ids when the same field name appears more than once on a page. */
  idBase?: string;
  children?: ReactNode;
}

/** A labelled select with its hint and error beside it, like TextField (every screen's one select). */
export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField(
  { name, label, hint, error, options, empty, required, idBase, children, ...select },
  ref,
) {
  const base = idBase ?? name;
  return (
    <FieldFrame base={base} label={label} hint={hint} error={error} required={required}>
      <select
        ref={ref}
        id={`field-${base}`}
        name={name}
        className="field__input field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(base, hint, error)}
        {...select}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </FieldFrame>
  );
});
