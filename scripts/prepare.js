'use strict';
// Shared by `npm start` and `npm test`: makes a fresh clone runnable with no manual steps.
// Plain Node (no dependencies), because it runs before `npm ci`.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function step(message) {
  process.stdout.write(`[準備] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  // `npm install` with the committed lock file, not `npm ci`: the npm 11 here rejects
  // its own lock file in `npm ci` (platform-only optional packages of msgpackr-extract).
  step('依存パッケージをインストールしています (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function ensureBuild() {
  step('TypeScript をビルドしています…');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
}

function ensureModel() {
  const modelDir = process.env.LOCAL_MODEL_DIR ? path.resolve(root, process.env.LOCAL_MODEL_DIR) : path.join(root, 'models');
  if (fs.existsSync(path.join(modelDir, 'sanka-ja-static-v1', 'onnx', 'model.onnx'))) return;
  step('ローカル日本語埋め込みモデルを作成しています (npm run model:build)…');
  run(process.execPath, [path.join(root, 'scripts', 'model', 'build-model.js'), '--out', path.join(modelDir, 'sanka-ja-static-v1')]);
}

const webDir = path.join(root, 'web');

/** Newest modification time under `target` (a file or a folder), skipping node_modules and dist. */
function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The web app (web/, its own npm package): install its dependencies, then build web/dist when sources are newer. */
function ensureWebBuild() {
  const marker = path.join(webDir, 'node_modules', '.package-lock.json');
  const lock = path.join(webDir, 'package-lock.json');
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
    step('Web アプリの依存パッケージをインストールしています (web/: npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: webDir });
  }
  const built = path.join(webDir, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(webDir, s))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest) return;
  step('Web アプリをビルドしています (web/: 型検査と vite build)…');
  const tsc = path.join(webDir, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: webDir });
  run(process.execPath, [path.join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: webDir });
}

const CHROMIUM = '/usr/bin/chromium';

/** The browser tests drive Debian's Chromium; installed with apt-get when missing (as root, like redis-server). */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid && process.getuid() === 0 && which('apt-get')) {
    step('chromium が見つからないため、Debian パッケージからインストールします（ブラウザテスト用）…');
    run('apt-get', ['update', '-q']);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env });
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`ブラウザテストには Chromium (${CHROMIUM}) が必要です。\n  Debian/Ubuntu: sudo apt-get install chromium`);
  }
}

function ping(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH')));
  });
}

function which(binary) {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

async function ensureRedis({ dataDir, install }) {
  const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  const host = url.hostname;
  const port = Number(url.port || 6379);
  if (await ping(host, port)) return;
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
  if (!loopback) throw new Error(`Redis (${url.host}) に接続できません。REDIS_URL を確認してください。`);
  let binary = which('redis-server');
  if (!binary && install && process.getuid && process.getuid() === 0 && which('apt-get')) {
    step('redis-server が見つからないため、Debian パッケージからインストールします…');
    run('apt-get', ['update', '-q']);
    run('apt-get', ['install', '-y', '-q', 'redis-server'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    binary = which('redis-server');
  }
  if (!binary) {
    throw new Error(
      `Redis (${host}:${port}) が応答せず、redis-server も見つかりません。\n` +
        '  Debian/Ubuntu: sudo apt-get install redis-server\n' +
        '  または REDIS_URL で既存の Redis を指定してください。',
    );
  }
  const redisDir = path.join(dataDir, 'redis');
  fs.mkdirSync(redisDir, { recursive: true });
  step(`Redis を起動しています (${host}:${port}, 追記専用ファイルで永続化: ${redisDir})…`);
  execFileSync(binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--save', '',
    '--daemonize', 'yes', '--pidfile', path.join(redisDir, 'redis.pid'), '--logfile', path.join(redisDir, 'redis.log'),
  ]);
  for (let i = 0; i < 50; i++) {
    if (await ping(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Redis を起動しましたが応答しません。ログ: ${path.join(redisDir, 'redis.log')}`);
}

module.exports = { root, step, run, ensureDependencies, ensureBuild, ensureWebBuild, ensureChromium, ensureModel, ensureRedis };
