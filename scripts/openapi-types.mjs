// OpenAPI JSON on stdin → TypeScript types (openapi-typescript) on stdout.
// A separate ES module process because openapi-typescript's dependencies are ES modules only,
// which jest's CommonJS module loader cannot load.
import openapiTS, { astToString } from 'openapi-typescript';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const ast = await openapiTS(JSON.parse(Buffer.concat(chunks).toString('utf8')), { alphabetize: true });
process.stdout.write("// Generated from the service's OpenAPI document by `npm run api:generate`. Do not edit.\n");
process.stdout.write(astToString(ast));
