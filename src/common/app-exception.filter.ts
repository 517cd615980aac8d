import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppException, ErrorCode, HTTP_STATUS } from './app.exception';

interface ErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  [key: string]: unknown;
}

/** Maps every error to one JSON shape. Unknown errors: 500, stack logged, no internals in the body. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    this.send(error, host.switchToHttp().getResponse<Response>());
  }

  /** Also used for errors raised by Express middleware (body parser) before Nest routes. */
  send(error: unknown, response: Response): void {
    const body = this.toBody(error);
    if (body.statusCode === 429) {
      const retryAfter = Number(response.getHeader('Retry-After') ?? 60);
      body.retryAfterSeconds = retryAfter;
      body.message = `リクエストが多すぎます。${retryAfter} 秒後に再試行してください。`;
    }
    if (body.statusCode >= 500) {
      this.logger.error({ err: error instanceof Error ? { name: error.name, stack: error.stack } : String(error) }, 'unhandled error');
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof AppException) {
      return { statusCode: HTTP_STATUS[error.code], code: error.code, message: error.message, ...error.details };
    }
    if (error instanceof HttpException) return this.fromHttpException(error);
    const bodyParser = this.fromBodyParser(error);
    if (bodyParser) return bodyParser;
    if (error instanceof QueryFailedError) {
      const mapped = this.fromDatabase(error as QueryFailedError & { code?: string });
      if (mapped) return mapped;
    }
    return { statusCode: 500, code: ErrorCode.Internal, message: 'サーバー内部でエラーが発生しました。時間をおいて再度お試しください。' };
  }

  private fromHttpException(error: HttpException): ErrorBody {
    const status = error.getStatus();
    const code =
      status === 401
        ? ErrorCode.Unauthorized
        : status === 403
          ? ErrorCode.Forbidden
          : status === 404
            ? ErrorCode.NotFound
            : status === 413
              ? ErrorCode.PayloadTooLarge
              : status === 429
                ? ErrorCode.RateLimited
                : status >= 500
                  ? ErrorCode.Internal
                  : ErrorCode.Validation;
    const messages: Partial<Record<number, string>> = {
      404: 'お探しのページ（URL）は存在しません。',
      429: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
    };
    return { statusCode: status, code, message: messages[status] ?? error.message };
  }

  private fromBodyParser(error: unknown): ErrorBody | null {
    const type = (error as { type?: string })?.type;
    if (type === 'entity.too.large') {
      const limit = (error as { limit?: number }).limit;
      return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: `リクエスト本文が大きすぎます（上限 ${limit ?? '?'} バイト）。` };
    }
    if (type === 'entity.parse.failed') {
      return { statusCode: 400, code: ErrorCode.Validation, message: 'リクエスト本文が正しい JSON ではありません。' };
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return { statusCode: 415, code: ErrorCode.Validation, message: 'リクエスト本文は UTF-8 の JSON で送ってください。' };
    }
    return null;
  }

  /** Constraint violations that slipped past DTO validation are still the caller's fault. */
  private fromDatabase(error: QueryFailedError & { code?: string; constraint?: string }): ErrorBody | null {
    switch (error.code) {
      case '23503':
      case '23001':
        return { statusCode: 409, code: ErrorCode.Conflict, message: '関連するデータが存在するため、この操作はできません。' };
      case '23505':
        return { statusCode: 409, code: ErrorCode.Conflict, message: '同じデータがすでに登録されています。' };
      case '23514':
        return {
          statusCode: 400,
          code: ErrorCode.Validation,
          message: `入力内容が制約に違反しています（${error.constraint ?? 'check'}）。`,
        };
      default:
        return null;
    }
  }
}
