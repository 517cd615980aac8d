import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppExceptionFilter } from './common/app-exception.filter';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

/** HTTP wiring shared by main.ts and the integration tests, so tests see what users see. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false })); // Swagger UI needs inline scripts
  app.useBodyParser('json', { limit: config.bodyLimit });
  const filter = new AppExceptionFilter();
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => (err ? filter.send(err, res) : next()));
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('参加支援 地域資源マッチング API')
      .setDescription(
        '受入先・資源のカタログ、本人の希望にもとづく資源の順位付け、定着フォロー、月次・年度集計。すべての /api/v1 は Authorization: Bearer <トークン> が必要です。',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
