'use strict';
// `npm run check:bundle`: the JavaScript a browser loads for the first screen (index.html's module
// scripts and modulepreloads in web/dist) must stay within budget, gzipped, so ホーム opens quickly
// on a municipality's slow PCs. Screens loaded later (lazy chunks) are not counted.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const BUDGET_BYTES = 300 * 1000;
const dist = path.resolve(__dirname, '..', 'web', 'dist');
const indexFile = path.join(dist, 'index.html');

function initialScripts(html) {
  const urls = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag) && /\bsrc=/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /\brel=["']?modulepreload/i.test(tag);
    const url = /\b(?:src|href)=["']?([^"' >]+)/i.exec(tag)?.[1];
    if ((isScript || isPreload) && url) urls.add(url);
  }
  return [...urls];
}

function main() {
  if (!fs.existsSync(indexFile)) {
    process.stderr.write('web/dist/index.html がありません。先に Web アプリをビルドしてください（npm test / npm start が行います）。\n');
    process.exit(1);
  }
  const html = fs.readFileSync(indexFile, 'utf8');
  if (/<script\b(?![^>]*\bsrc=)[^>]*>[^<]+<\/script>/i.test(html)) {
    process.stderr.write('web/dist/index.html にインラインスクリプトがあります（CSP で禁止）。\n');
    process.exit(1);
  }
  let total = 0;
  for (const url of initialScripts(html)) {
    const file = path.join(dist, url.replace(/^\//, ''));
    const gzipped = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    total += gzipped;
    process.stdout.write(`  ${url}  ${(gzipped / 1000).toFixed(1)} kB gzip\n`);
  }
  const verdict = total <= BUDGET_BYTES ? 'OK' : 'OVER BUDGET';
  process.stdout.write(`[bundle] initial route JS: ${(total / 1000).toFixed(1)} kB gzip (budget ${BUDGET_BYTES / 1000} kB): ${verdict}\n`);
  if (total > BUDGET_BYTES) process.exit(1);
}

main();
