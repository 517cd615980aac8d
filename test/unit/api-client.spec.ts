import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/common/project-root';
import { generateApiFiles } from '../../src/openapi-generate';

/** The web app's client types come from the routes' decorators; a route change must regenerate them. */
describe('generated API client files', () => {
  it('match the current routes (else run npm run api:generate)', async () => {
    const files = await generateApiFiles();
    expect(Object.keys(files).sort()).toEqual(['web/src/api/openapi.json', 'web/src/api/schema.d.ts', 'web/src/api/vocabulary.ts']);
    for (const [relative, expected] of Object.entries(files)) {
      const target = path.join(projectRoot(), relative);
      const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (committed !== expected) {
        throw new Error(
          `${relative} is stale: the OpenAPI document or the vocabulary changed. Run \`npm run api:generate\` and commit the result.`,
        );
      }
    }
  });
});
