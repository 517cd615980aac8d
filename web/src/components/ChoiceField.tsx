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
  }
>(function ChoiceField({ name, legend, choices, error, inline, required, ...input }, ref) {
  return (
    <fieldset
      className={`field choice${error ? ' field--invalid' : ''}${inline ? ' choice--inline' : ''}`}
      aria-describedby={error ? fieldErrorId(name) : undefined}
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
      <FieldErrorText name={name} message={error} />
    </fieldset>
  );
});
