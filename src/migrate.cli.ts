// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under DATA_DIR.
import { backupBeforeMigrations } from './backup/pre-migration-backup';
import { loadConfig } from './config/app-config';
import { prepareDatabase } from './database/data-source';
import { startEmbeddedPostgres } from './database/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(config.dataDir, { sharedBuffers: config.embeddedDbSharedBuffers });
  try {
    await backupBeforeMigrations(config, config.databaseUrl ?? embedded!.url, (msg) => process.stdout.write(`${msg}\n`));
    const { applied, pgvector } = await prepareDatabase(config.databaseUrl ?? embedded!.url);
    process.stdout.write(`pgvector ${pgvector}; applied: ${applied.length ? applied.join(', ') : '(none, schema up to date)'}\n`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
