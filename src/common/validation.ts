import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, ErrorCode, type FieldError } from './app.exception';

/** Flattens nested class-validator errors into `field.path[0].sub: message` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: humanise(field, message) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** class-validator's messages begin with the property name; replace it with the full path. */
function humanise(field: string, message: string): string {
  if (message.startsWith('property ') && message.endsWith('should not exist')) {
    return `${field} は受け付けない項目です (unknown field)`;
  }
  return message;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new AppException(ErrorCode.Validation, `入力内容に誤りがあります: ${fields}`, { errors: fieldErrors });
    },
  });
}
