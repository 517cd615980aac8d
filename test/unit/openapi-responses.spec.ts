import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * Every route declares what it answers, so that the web app's generated client needs no casts.
 * Reads the committed OpenAPI document, which test/unit/api-client.spec.ts keeps identical to the code's.
 */
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
const document = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../web/src/api/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

describe('OpenAPI responses', () => {
  it('has a success response with a schema (or 204 No Content) on every route', () => {
    const missing: string[] = [];
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).filter(([code]) => code.startsWith('2'));
        const declared = success.some(
          ([code, r]) => code === '204' || Object.values(r.content ?? {}).some((media) => media.schema !== undefined),
        );
        if (!declared) missing.push(`${method.toUpperCase()} ${route}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
