import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './common/project-root';
import { generateApiFiles } from './openapi-generate';

/** `npm run api:generate`: rewrites web/src/api/openapi.json and schema.d.ts from the routes' decorators. */
async function main(): Promise<void> {
  const files = await generateApiFiles();
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(projectRoot(), relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    process.stdout.write(`wrote ${relative}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
