import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { root } from './service';

export const CHROMIUM = '/usr/bin/chromium';
/** Flags for every browser test (see docs/web.md): quiet, headless, no network of its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const VIEWPORT = { width: 1366, height: 768 };
export const IMAGES_DIR = path.join(root, 'docs', 'images');

export function baseUrl(): string {
  const url = process.env.SANKA_BROWSER_BASE_URL;
  if (!url) throw new Error('SANKA_BROWSER_BASE_URL is not set: run browser tests through the jest project "browser"');
  return url;
}

export interface BrowserSession {
  context: BrowserContext;
  /** A new tab with no cookies from earlier tests. */
  newPage: () => Promise<Page>;
  close: () => Promise<void>;
}

/** Debian's Chromium with a fresh user-data dir (removed on close), pages at 1366×768, Japanese locale and Tokyo time. */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: VIEWPORT,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    baseURL: baseUrl(),
  });
  return {
    context,
    newPage: async () => {
      await context.clearCookies();
      for (const open of context.pages()) await open.close();
      return context.newPage();
    },
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Fills in the login page and presses 「ログイン」 (the outcome is for the test to check). */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  if (!new URL(page.url(), baseUrl()).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** axe on the whole page; fails on any serious or critical violation, naming rule, help and elements. */
export async function checkA11y(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const report = bad
      .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
      .join('\n');
    throw new Error(`accessibility violations on ${page.url()}:\n${report}`);
  }
}

/** A 1366×768 screenshot into docs/images/<name>.png (for the README and reviews). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(IMAGES_DIR, { recursive: true });
  const file = path.join(IMAGES_DIR, `${name}.png`);
  await page.setViewportSize(VIEWPORT);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  return file;
}

/** Console messages about a blocked resource (content security policy) seen on a page. */
export function watchCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}
