import { Injectable } from '@nestjs/common';
import { tokyoDate } from './tokyo-time';

/**
 * The current instant and today's date in Asia/Tokyo, injectable so that tests can set them
 * (jest.spyOn(app.get(Clock), 'now'); today() follows now()). Code that decides by "now" or "today"
 * (reports as of now, follow-up plans, the morning digest) asks this instead of new Date().
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today in Asia/Tokyo, 'YYYY-MM-DD'. */
  today(): string {
    return tokyoDate(this.now());
  }
}
