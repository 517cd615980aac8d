import { Logger } from '@nestjs/common';
import { JapaneseTokenizer } from '../../src/common/japanese/tokenizer';
import { NeedsUnderstanding } from '../../src/matching/understanding/needs-understanding';

/**
 * The service's NeedsUnderstanding over the real kuromoji, for the understanding specs (call inside a describe: it
 * registers the beforeAll that loads the dictionary). The constraints only (the concepts have their own spec,
 * concepts.spec.ts). `read` gives the entries as sorted `field=value` strings.
 */
export function understandingForTests() {
  const tokenizer = new JapaneseTokenizer();
  const understanding = new NeedsUnderstanding(tokenizer);
  beforeAll(async () => {
    Logger.overrideLogger(false);
    await tokenizer.ready();
  });
  const understand = (text: string) => understanding.constraints(text);
  const read = (text: string) =>
    understand(text)
      .map((u) => `${u.field}=${u.value}`)
      .sort();
  return { understand, read };
}
