import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppException, ErrorCode, type FieldError } from './app.exception';
import { MAX_DATE, MIN_DATE } from './dates';
import { fieldLabel } from './field-labels';
import { CALENDAR_DATE, CALENDAR_MONTH, CLOCK_TIME, TIMESTAMP } from './validators';

const NOT_NULL = 'isNotNull';

type Args = unknown[];
/**
 * One Japanese message per constraint, built from the field's label and the constraint's own
 * arguments (so a message never disagrees with the rule). Messages written on decorators are
 * not used: they named the JSON property, not the label a coordinator sees on the form.
 */
const TEMPLATES: Record<string, (label: string, args: Args) => string> = {
  isString: (l) => `${l}は文字列で指定してください`,
  isInt: (l) => `${l}は整数で指定してください`,
  isNumber: (l) => `${l}は数値で指定してください`,
  isBoolean: (l) => `${l}は true または false で指定してください`,
  isArray: (l) => `${l}は配列（[…]）で指定してください`,
  isObject: (l) => `${l}はオブジェクト（{…}）で指定してください`,
  nestedValidation: (l) => `${l}はオブジェクト（{…}）で指定してください`,
  min: (l, [n]) => `${l}は ${n} 以上にしてください`,
  max: (l, [n]) => `${l}は ${n} 以下にしてください`,
  isLength: (l, [min, max]) =>
    max === undefined ? `${l}は ${min} 文字以上で入力してください` : `${l}は ${min}〜${max} 文字で入力してください`,
  minLength: (l, [n]) => (n === 1 ? `${l}を入力してください` : `${l}は ${n} 文字以上で入力してください`),
  maxLength: (l, [n]) => `${l}は ${n} 文字以内で入力してください`,
  arrayMaxSize: (l, [n]) => `${l}は ${n} 件までです`,
  arrayMinSize: (l, [n]) => `${l}は ${n} 件以上指定してください`,
  arrayUnique: (l) => `${l}に同じ値が重複しています`,
  isIn: (l, [values]) => `${l}は次のいずれかです: ${(values as unknown[]).join(', ')}`,
  isUuid: (l) => `${l}は UUID 形式の id で指定してください`,
  isEmail: (l) => `${l}はメールアドレスの形式で指定してください`,
  isLatitude: (l) => `${l}は -90〜90 の数値で指定してください`,
  isLongitude: (l) => `${l}は -180〜180 の数値で指定してください`,
  notEquals: (l, [n]) => `${l}に ${n} は指定できません`,
  [CALENDAR_DATE]: (l) => `${l}は実在する日付を YYYY-MM-DD 形式（${MIN_DATE}〜${MAX_DATE}）で指定してください`,
  [CALENDAR_MONTH]: (l) => `${l}は実在する年月を YYYY-MM 形式で指定してください`,
  [TIMESTAMP]: (l) => `${l}は実在する日時を ISO 8601 形式（例: 2027-03-31T23:59:59+09:00、時差の省略は日本時間）で指定してください`,
  [CLOCK_TIME]: (l) => `${l}は HH:MM（00:00〜23:59）の形式で指定してください`,
  [NOT_NULL]: (l) => `${l}に null は指定できません（変更しない項目は省略してください）`,
  whitelistValidation: (l) => `${l}は受け付けない項目です`,
};

function constraintArgs(error: ValidationError, name: string): Args {
  const target = error.target?.constructor;
  if (!target) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === name || (m.type as string) === name));
  return (meta?.constraints as Args) ?? [];
}

function message(field: string, error: ValidationError, name: string): string {
  const label = name === 'whitelistValidation' ? field : fieldLabel(field);
  const template = TEMPLATES[name];
  const text = template ? template(label, constraintArgs(error, name)) : `${label}の値が正しくありません`;
  // A missing required field says so first, then what is expected.
  return error.value === undefined && name !== 'whitelistValidation' && name !== NOT_NULL ? `${label}は必須です。${text}` : text;
}

/** Flattens nested class-validator errors into `field.path[0].sub` entries with Japanese messages. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const names = Object.keys(error.constraints ?? {});
    const own = names.map((name) => ({ field, message: message(field, error, name) }));
    // Item errors of an object array are reported on the items; a bare "must be an object" on the
    // array itself only repeats them.
    const children = flattenValidationErrors(error.children ?? [], field);
    const onlyRepeatsChildren = children.length > 0 && names.length === 1 && names[0] === 'nestedValidation';
    return [...(onlyRepeatsChildren ? [] : own), ...children];
  });
}

/**
 * Properties that may be null: those whose OpenAPI metadata says `nullable: true` (copied by
 * PartialType, unlike class-validator's @IsOptional which lets null through everywhere).
 */
function isNullable(instance: object, property: string): boolean {
  const meta = Reflect.getMetadata('swagger/apiModelProperties', Object.getPrototypeOf(instance), property) as
    { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

/** Null where the API does not allow it: reported on its own path, never blamed on another field. */
function nullErrors(value: unknown, path = ''): ValidationError[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([key, v]) => {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (v === null && (Array.isArray(value) || !isNullable(value, key))) {
      return [{ property: field, value: null, constraints: { [NOT_NULL]: NOT_NULL }, children: [] } as ValidationError];
    }
    return nullErrors(v, field);
  });
}

class AppValidationPipe extends ValidationPipe {
  protected async validate(object: object, options?: object): Promise<ValidationError[]> {
    const errors = (await super.validate(object, options)) as ValidationError[];
    const nulls = nullErrors(object);
    if (!nulls.length) return errors;
    // Keep only the "null is not allowed" error for a null field (not "must be a string" as well).
    const nullPaths = new Set(nulls.map((e) => e.property));
    const prune = (list: ValidationError[], parent: string): ValidationError[] =>
      list
        .map((e) => {
          const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
          if (nullPaths.has(field)) return null;
          return { ...e, children: prune(e.children ?? [], field) } as ValidationError;
        })
        .filter((e): e is ValidationError => e !== null && (Object.keys(e.constraints ?? {}).length > 0 || (e.children?.length ?? 0) > 0));
    return [...prune(errors, ''), ...nulls];
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target is needed to read each constraint's arguments for the message; it is never sent.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new AppException(ErrorCode.Validation, `入力内容に誤りがあります: ${fields}`, { errors: fieldErrors });
    },
  });
}
