'use strict';
// `npm start`: install, build (service and web app), make the local model, make sure Redis answers, start the service.
const path = require('node:path');
const prepare = require('./prepare');

async function main() {
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  prepare.ensureDependencies();
  prepare.ensureBuild();
  prepare.ensureWebBuild();
  prepare.ensureModel();
  await prepare.ensureRedis({ dataDir, install: false });
  require(path.join(prepare.root, 'dist', 'src', 'main.js'));
}

main().catch((err) => {
  process.stderr.write(`起動できませんでした: ${err.message}\n`);
  process.exit(1);
});
