import { startService } from './service';

/** One running service for all browser tests (starting it takes a while: database, migrations, model). */
export default async function globalSetup(): Promise<void> {
  const service = await startService();
  process.env.SANKA_BROWSER_BASE_URL = service.baseUrl;
  (globalThis as Record<string, unknown>).__SANKA_BROWSER__ = service;
}
