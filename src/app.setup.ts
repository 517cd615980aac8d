import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { failedAuthLimiter } from './auth/rate-limit';
import { AppExceptionFilter } from './common/app-exception.filter';
import { inputGuard, verifyUtf8 } from './common/input-guard';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { createOpenApiDocument } from './web/openapi-document';
import { serveWebApp, useSecurityHeaders } from './web/web-app';

/** HTTP wiring shared by main.ts and the integration tests, so tests see what users see. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app);
  // Client addresses (rate limit and sign-in lockout per address) and HTTPS (Secure cookie) come from
  // X-Forwarded-* only through these proxies.
  if (config.trustedProxy.length) app.set('trust proxy', config.trustedProxy);
  app.use('/api', noStore);
  app.use(failedAuthLimiter(config));
  if (config.runsApi) serveWebApp(app);
  app.useBodyParser('json', { limit: config.bodyLimit, verify: verifyUtf8 });
  const filter = new AppExceptionFilter();
  app.use(inputGuard);
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => (err ? filter.send(err, res) : next()));
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
}

/** API answers carry personal data (and errors may echo it): never stored by browsers or proxies. */
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}

function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
