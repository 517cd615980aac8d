import { Injectable, PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { AppException } from './app.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Path ids: a malformed id is a 400 naming the parameter, never a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw AppException.validation(metadata.data ?? 'id', 'UUID 形式の id を指定してください');
    return value.toLowerCase();
  }
}
