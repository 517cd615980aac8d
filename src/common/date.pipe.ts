import { Injectable, PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { AppException } from './app.exception';
import { isCalendarMonth } from './dates';
import { fieldLabel } from './field-labels';

/** Years the reports can be asked about; far past or future months are a typo, not a question. */
export const REPORT_MIN_YEAR = 2000;
export const REPORT_MAX_YEAR = 2100;

/** Route parameter `:yyyy-mm`: a real month within the reporting range, else 400 naming the parameter. */
@Injectable()
export class ParseMonthPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'month';
    const year = Number(String(value).slice(0, 4));
    if (!isCalendarMonth(value) || year < REPORT_MIN_YEAR || year > REPORT_MAX_YEAR) {
      throw AppException.validation(
        field,
        `${fieldLabel(field)}は実在する年月を YYYY-MM 形式（${REPORT_MIN_YEAR}-01〜${REPORT_MAX_YEAR}-12）で指定してください`,
      );
    }
    return value;
  }
}
