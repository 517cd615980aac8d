import { forwardRef, type InputHTMLAttributes } from 'react';
import { FieldErrorText, fieldErrorId } from './FieldErrors';

interface Choice {
  value: string;
  label: string;
}

/** A group of labelled radio buttons in a fieldset (the legend names the question), with its error beside it. */
export const ChoiceField = forwardRef<
  HTMLInputElement,
  InputHTMLAttributes<HTMLInputElement> & {
    name: string;
    legend: string;
    choices: readonly Choice[];
    error?: string;
    inline?: boolean;
    /** Base of the error's id when the same field name appears more than once on a page (a prefix per form). */
    idBase?: string;
  }
>(function ChoiceField({ name, legend, choices, error, inline, required, idBase, ...input }, ref) {
  const base = idBase ?? name;
  return (
    <fieldset
      className={`field choice${error ? ' field--invalid' : ''}${inline ? ' choice--inline' : ''}`}
      aria-describedby={error ? fieldErrorId(base) : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">
        {legend}
        {required && <span className="field__required">必須</span>}
      </legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice__option">
          <input ref={ref} type="radio" name={name} value={choice.value} {...input} /> {choice.label}
        </label>
      ))}
      <FieldErrorText name={base} message={error} />
    </fieldset>
  );
});
