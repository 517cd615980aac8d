import type { DataSource } from 'typeorm';

/** Undoes migrations, newest first, up to and including the named one (later branches add migrations after it). */
export async function undoThrough(db: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await db.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
    await db.undoLastMigration({ transaction: 'each' });
    if (!last || last.name === name) return;
  }
}
