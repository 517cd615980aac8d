import { Injectable } from '@nestjs/common';

/**
 * The current instant, injectable so that tests can set it (jest.spyOn(app.get(Clock), 'now')).
 * Code that decides by "now" (reports as of now, months in progress) asks this instead of new Date().
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
