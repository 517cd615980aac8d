import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsObject, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isCalendarMonth, parseTimestamp } from './dates';

/** Constraint names of our own validators; validation.ts maps each to a Japanese message. */
export const CALENDAR_DATE = 'isCalendarDate';
export const CALENDAR_MONTH = 'isCalendarMonth';
export const TIMESTAMP = 'isTimestamp';
export const CLOCK_TIME = 'isClockTime';

/** 'YYYY-MM-DD' that exists in the calendar (no Feb 30), 1900-01-01..2100-12-31. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: CALENDAR_DATE, validator: { validate: (v) => isCalendarDate(v) } }, options);
}

export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: CALENDAR_MONTH, validator: { validate: (v) => isCalendarMonth(v) } }, options);
}

/**
 * An ISO 8601 timestamp with a real date; offset-less input is Tokyo time. A valid value is
 * handed on as a UTC ISO string, so neither services nor PostgreSQL ever guess the zone.
 */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => parseTimestamp(value)?.toISOString() ?? value),
    ValidateBy({ name: TIMESTAMP, validator: { validate: (v) => parseTimestamp(v) !== null } }, options),
  );
}

/** 'HH:MM', 00:00..23:59. */
export function IsClockTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: CLOCK_TIME, validator: { validate: (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) } },
    options,
  );
}

/**
 * One nested object (never an array: `filters: [...]` would otherwise be validated item by
 * item and a hard filter silently dropped).
 */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}
