import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppExceptionFilter } from './common/app-exception.filter';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { createOpenApiDocument } from './web/openapi-document';
import { serveWebApp, useSecurityHeaders } from './web/web-app';

/** HTTP wiring shared by main.ts and the integration tests, so tests see what users see. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app);
  if (config.runsApi) serveWebApp(app);
  app.useBodyParser('json', { limit: config.bodyLimit });
  const filter = new AppExceptionFilter();
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => (err ? filter.send(err, res) : next()));
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
}

function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
