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

/**
 * Why the lock file cannot be installed as it is, or null. `npm ci` refuses a lock that differs from
 * package.json, and (npm 11) one that lacks any platform's entry of a package with per-platform optional
 * binaries (msgpackr-extract, @node-rs/*, @tailwindcss/oxide, rollup, …): a lock written by an older
 * npm, or edited by hand, keeps only the platform it was made on. Checked on every start and test run,
 * so an out-of-sync lock fails here rather than in a Docker build or CI.
 */
function lockProblems(pkg, lock) {
  const problems = [];
  const rootEntry = (lock.packages && lock.packages['']) || {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const wanted = pkg[field] || {};
    const locked = rootEntry[field] || {};
    for (const name of new Set([...Object.keys(wanted), ...Object.keys(locked)])) {
      if (wanted[name] !== locked[name])
        problems.push(`${field}.${name}: package.json ${wanted[name] ?? '-'} / lock ${locked[name] ?? '-'}`);
    }
  }
  for (const [where, entry] of Object.entries(lock.packages || {})) {
    for (const name of Object.keys(entry.optionalDependencies || {})) {
      // npm resolves a dependency in the nearest node_modules up the tree.
      let dir = where;
      let found = false;
      for (;;) {
        if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) found = true;
        if (found || !dir) break;
        const up = dir.lastIndexOf('/node_modules/');
        dir = up < 0 ? '' : dir.slice(0, up);
      }
      if (!found) problems.push(`${where || '(root)'}: optional ${name} missing from the lock`);
    }
  }
  return problems;
}

function ensureDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const manifest = path.join(root, 'package.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(lock)) {
    if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(manifest).mtimeMs) return;
    step('依存パッケージをインストールしています (npm install、ロックファイルなし)…');
    run('npm', ['install', '--no-audit', '--no-fund']);
    return;
  }
  const problems = lockProblems(JSON.parse(fs.readFileSync(manifest, 'utf8')), JSON.parse(fs.readFileSync(lock, 'utf8')));
  if (problems.length) {
    throw new Error(
      'package-lock.json が package.json と一致していません（npm ci が失敗します）。\n' +
        'package-lock.json is out of sync with package.json (npm ci would fail):\n' +
        problems
          .slice(0, 20)
          .map((p) => `  - ${p}`)
          .join('\n') +
        '\n対処 / Fix: npm install --package-lock-only を実行し、package-lock.json をコミットしてください' +
        ' (run `npm install --package-lock-only` and commit package-lock.json).',
    );
  }
  const newest = Math.max(fs.statSync(lock).mtimeMs, fs.statSync(manifest).mtimeMs);
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newest) return;
  step('依存パッケージをロックファイルどおりにインストールしています (npm ci)…');
  try {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  } catch (err) {
    throw new Error(
      `npm ci に失敗しました。package-lock.json が package.json と一致しているか確認してください。\n` +
        `npm ci failed; check that package-lock.json matches package.json (${err.message}).`,
      { cause: err },
    );
  }
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
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    redisDir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(redisDir, 'redis.pid'),
    '--logfile',
    path.join(redisDir, 'redis.log'),
  ]);
  for (let i = 0; i < 50; i++) {
    if (await ping(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Redis を起動しましたが応答しません。ログ: ${path.join(redisDir, 'redis.log')}`);
}

module.exports = {
  root,
  step,
  run,
  lockProblems,
  ensureDependencies,
  ensureBuild,
  ensureWebBuild,
  ensureChromium,
  ensureModel,
  ensureRedis,
};
