import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { failedAuthLimiter } from './auth/rate-limit';
import { AppExceptionFilter } from './common/app-exception.filter';
import { inputGuard, verifyUtf8 } from './common/input-guard';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

/** HTTP wiring shared by main.ts and the integration tests, so tests see what users see. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  // Behind a reverse proxy: client address (sign-in lockout) and HTTPS (Secure cookie) from X-Forwarded-*.
  app.use(helmet({ contentSecurityPolicy: false })); // Swagger UI needs inline scripts
  // Client addresses (rate limit per address) come from X-Forwarded-For only through these proxies.
  if (config.trustedProxy.length) app.set('trust proxy', config.trustedProxy);
  app.use('/api', noStore);
  app.use(failedAuthLimiter(config));
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('参加支援 地域資源マッチング API')
      .setDescription(
        '受入先・資源のカタログ、本人の希望にもとづく資源の順位付け、定着フォロー、月次・年度集計。/api/v1 は Authorization: Bearer <トークン>、' +
          'またはサインイン（POST /api/v1/session）で得た Cookie「sanka_session」が必要です。Cookie で POST/PUT/PATCH/DELETE するときは X-CSRF-Token ヘッダーも必要です。',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('sanka_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
