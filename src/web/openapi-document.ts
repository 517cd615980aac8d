import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The service's OpenAPI document: served at /api/docs and the source of the web app's generated client. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('参加支援 地域資源マッチング API')
      .setDescription(
        '受入先・資源のカタログ、本人の希望にもとづく資源の順位付け、定着フォロー、月次・年度集計。/api/v1 は Authorization: Bearer <トークン>、' +
          'またはサインイン（POST /api/v1/session）で得た Cookie「sanka_session」が必要です。' +
          'Cookie で POST/PUT/PATCH/DELETE するときは X-CSRF-Token ヘッダーも必要です。',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('sanka_session')
      .build(),
  );
}
