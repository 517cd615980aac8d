import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { AppException } from './app.exception';
import { fieldLabel } from './field-labels';

/** Deeper JSON than any request of this API needs; checked before any recursive code sees the body. */
export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with one text value, or null. PostgreSQL refuses NUL; lone surrogates are not text. */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'NUL 文字（\\u0000）が含まれています。NUL 文字は使えません';
  if (LONE_SURROGATE.test(value)) return '不正な文字（対になっていないサロゲート）が含まれています。文字を確認してください';
  return null;
}

function refuse(field: string, problem: string): never {
  throw AppException.validation(field, `${fieldLabel(field)}に${problem}`);
}

/**
 * Walks a parsed JSON body without recursion: refuses NUL and lone surrogates in any key or
 * string, prototype keys, and nesting beyond MAX_BODY_DEPTH (class-transformer and
 * class-validator recurse and would overflow the stack a few thousand levels down).
 */
export function checkJson(root: unknown, rootPath = ''): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) refuse(path || 'body', problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) refuse(path || 'body', `入れ子が深すぎる値が含まれています（${MAX_BODY_DEPTH} 段まで）`);
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      const problem = textProblem(key);
      if (problem) refuse(path || 'body', `含まれる項目名（キー）に${problem}`);
      if (FORBIDDEN_KEYS.has(key)) refuse(field, `使えない項目名（${key}）が含まれています`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
}

/**
 * The raw query and path, decoded here rather than by the query parser, which silently
 * turns an encoded lone surrogate into U+FFFD.
 */
function checkUrl(url: string): void {
  const [pathPart, query = ''] = url.split(/\?(.*)/s);
  for (const segment of pathPart.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      refuse('path', '不正な文字（UTF-8 でない文字）が含まれています');
    }
    const problem = textProblem(decoded);
    if (problem) refuse('path', problem);
  }
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [rawKey, rawValue = ''] = pair.split(/=(.*)/s);
    let key = rawKey;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      refuse('query', '不正な文字（UTF-8 でない文字）が含まれています');
    }
    if (textProblem(key)) refuse('query', textProblem(key)!);
    let value: string;
    try {
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      refuse(key, '不正な文字（UTF-8 でない文字）が含まれています');
    }
    const problem = textProblem(value);
    if (problem) refuse(key, problem);
  }
}

/** Express middleware, after the body parser and before routing: one check for every route. */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  try {
    checkUrl(req.originalUrl ?? req.url);
    if (req.body !== undefined) checkJson(req.body);
    next();
  } catch (err) {
    next(err);
  }
}

/** body-parser `verify`: a body that is not valid UTF-8 is refused instead of silently repaired. */
export function verifyUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf))
    throw AppException.validation('body', 'リクエスト本文に UTF-8 として不正な文字（対になっていないサロゲートなど）が含まれています');
}
