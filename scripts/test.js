'use strict';
// `npm test`: everything the suite needs (dependencies, builds, lint, bundle budget, Chromium, local model, Redis), then jest.
const os = require('node:os');
const path = require('node:path');
const prepare = require('./prepare');

async function main() {
  prepare.ensureDependencies();
  prepare.ensureBuild();
  // Lint is part of the test command, so CI fails on a lint or format error.
  prepare.step('ESLint と Prettier で検査しています (npm run lint)…');
  prepare.run('npm', ['run', '--silent', 'lint']);
  prepare.ensureWebBuild();
  prepare.run(process.execPath, [path.join(prepare.root, 'scripts', 'check-bundle.js')]);
  prepare.ensureChromium();
  prepare.ensureModel();
  await prepare.ensureRedis({ dataDir: path.join(os.tmpdir(), 'sanka-test-redis'), install: true });
  prepare.step('テストを実行しています (jest)…');
  const jest = path.join(prepare.root, 'node_modules', 'jest', 'bin', 'jest.js');
  prepare.run(process.execPath, [jest, '--runInBand', ...process.argv.slice(2)]);
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
