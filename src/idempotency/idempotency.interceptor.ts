import { createHash } from 'node:crypto';
import { applyDecorators, CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode, HTTP_STATUS } from '../common/app.exception';
import { IdempotencyRepository } from './idempotency.repository';

const IDEMPOTENT = 'sanka:idempotent';
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** Marks a creating POST route: an Idempotency-Key header makes a retry return the first answer. */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422',
    }),
  );

/**
 * Idempotency-Key on creating routes. The key is taken (per caller and route) before the
 * handler runs and the answer stored after, for 24 hours: a retry with the same key and body
 * gets the first answer; with another body 422; while the first is in flight — or when its
 * outcome is unknown because the database failed mid-way — 409, never a second creation.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.header('idempotency-key');
    if (key === undefined) return next.handle();
    return from(this.run(context, next, req, key));
  }

  private async run(context: ExecutionContext, next: CallHandler, req: Request & { actor?: Actor }, key: string): Promise<unknown> {
    if (!KEY.test(key))
      throw AppException.validation('Idempotency-Key', 'Idempotency-Key ヘッダーは 1〜200 文字の英数字・記号で指定してください');
    const actor = req.actor?.tokenId ?? `role:${req.actor?.role ?? 'anonymous'}`;
    const route = `${req.method} ${req.path}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const earlier = await this.keys.reserve(actor, route, key, hash, IDEMPOTENCY_TTL_SECONDS);
    const res = context.switchToHttp().getResponse<Response>();
    if (earlier) {
      if (earlier.requestHash !== hash) {
        throw new AppException(
          ErrorCode.IdempotencyKeyReused,
          'この Idempotency-Key は別の内容のリクエストですでに使われています。新しいキーを使ってください。',
        );
      }
      if (earlier.statusCode === null) {
        throw new AppException(
          ErrorCode.Conflict,
          'この Idempotency-Key のリクエストは処理中か、結果を確認できませんでした。二重登録を避けるため、一覧で登録済みかを確かめてから新しいキーで送ってください。',
        );
      }
      res.setHeader('Idempotent-Replayed', 'true');
      return earlier.response;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.keys.complete(actor, route, key, status, body);
      return body;
    } catch (err) {
      // A refused request (4xx) created nothing: the key is free again. Otherwise the outcome is unknown.
      const status = err instanceof AppException || err instanceof HttpException ? statusOf(err) : 500;
      if (status < 500) await this.keys.release(actor, route, key).catch(() => undefined);
      throw err;
    }
  }
}

function statusOf(err: AppException | HttpException): number {
  return err instanceof HttpException ? err.getStatus() : HTTP_STATUS[err.code];
}
