import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { projectRoot } from './common/project-root';
import { loadConfig } from './config/app-config';
import { createOpenApiDocument } from './web/openapi-document';
import { renderVocabularyModule, VOCABULARY_TS } from './web-vocabulary';

export const API_DIR = path.join('web', 'src', 'api');
export const OPENAPI_JSON = path.join(API_DIR, 'openapi.json');
export const SCHEMA_DTS = path.join(API_DIR, 'schema.d.ts');

export interface GeneratedApiFiles {
  /** Relative to the project root → file content. */
  [relativePath: string]: string;
}

/**
 * The OpenAPI document, its TypeScript types and the service's vocabulary (codes → labels), built from the
 * application's modules in preview mode:
 * no provider is instantiated, so neither a database nor Redis is needed.
 */
export async function generateApiFiles(): Promise<GeneratedApiFiles> {
  // Defaults only: the document must not depend on the machine it is generated on.
  const config = loadConfig({ LOG_LEVEL: 'silent' }, projectRoot());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, 'postgres://preview.invalid/none'), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const document = createOpenApiDocument(app);
    const json = JSON.stringify(document, null, 2) + '\n';
    // openapi-typescript is a dev tool (ES modules only), run in its own process: the service never loads it.
    const types = execFileSync(process.execPath, [path.join(projectRoot(), 'scripts', 'openapi-types.mjs')], {
      input: json,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { [OPENAPI_JSON]: json, [SCHEMA_DTS]: types, [VOCABULARY_TS]: renderVocabularyModule() };
  } finally {
    await app.close();
  }
}
