import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ValidationError } from '../api/errors';

/** The id of the message element beside a field, for aria-describedby. */
export const fieldErrorId = (name: string) => `${name}-error`;

/** A field's message, beside the field; the input points at it with aria-describedby. */
export function FieldErrorText({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={fieldErrorId(name)} className="field__error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/**
 * Puts the `errors[]` of a 400 beside the fields they name (react-hook-form's setError).
 * Returns the messages that name no field on this form, to show above it.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string[] {
  if (!(error instanceof ValidationError)) return [];
  const rest: string[] = [];
  for (const { field, message } of error.fieldErrors) {
    // The service names nested fields with dots (constraints.maxTravelMinutes), as react-hook-form does.
    const name = fields.find((f) => f === field);
    if (name) setError(name, { type: 'server', message }, { shouldFocus: true });
    else rest.push(message);
  }
  if (!error.fieldErrors.length) rest.push(error.message);
  return rest;
}
