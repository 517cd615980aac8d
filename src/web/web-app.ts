import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { projectRoot } from '../common/project-root';

/** Paths the web app never answers: the API, its documents and the health probe. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;
const SWAGGER_PATH = /^\/api\/docs(\/|$)/;

/** The web app's policy: only our own scripts, styles and fonts; no inline script, no framing. */
const appCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    fontSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** Swagger UI keeps a policy of its own: its page carries inline styles and data: images. */
const swaggerCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** Security headers: helmet's defaults everywhere, and the content security policy that fits the page. */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use((req: Request, res: Response, next: NextFunction) => (SWAGGER_PATH.test(req.path) ? swaggerCsp : appCsp)(req, res, next));
}

export function webDistDir(): string {
  return path.join(projectRoot(), 'web', 'dist');
}

/**
 * Serves the built web app (web/dist) at `/`: hashed assets are cached for a year, index.html never,
 * and any other page the browser asks for gets index.html so that the app's router can show it.
 * Registered before Nest's routes, so /api and /health are passed through untouched.
 */
export function serveWebApp(app: NestExpressApplication, distDir = webDistDir()): void {
  const indexFile = path.join(distDir, 'index.html');
  app.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  app.use(express.static(distDir, { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Web アプリがビルドされていません。npm start または npm test を実行するとビルドされます。');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
}
