// The built site in the system's Chromium, opened from disk as a learner
// would: sidebar, hints, copy button, search, dark mode, phone layout and
// print, with no console error and no request beyond file://; then served
// over HTTP for the progress ticks. Screenshots go
// to a temporary folder and are copied to /tmp/site-screenshots/ for review.
// Without Chromium the tests are skipped (and fail with REQUIRE_BROWSER=1).
// The axe-core audit of every page is accessibility.test.ts.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findLesson, type Lesson } from '../../../lib/lessons.ts';
import { readHints } from '../../../lib/hints.ts';
import { lessonPage } from '../../../site/site-status.ts';
import { buildSite } from '../../../site/build-site.ts';
import { chromiumArgs, chromiumPath, describeInChromium } from './chromium.ts';
import { loadSearch } from './search-runtime.ts';

const lesson = (name: string): Lesson => {
  const found = findLesson(name);
  if (!found) throw new Error(`the browser test walks through ${name}, which does not exist`);
  return found;
};

describeInChromium('the site in Chromium', () => {
  const lesson3 = lesson('lesson-3');
  const lesson5 = lesson('lesson-5');
  const lesson3Hints = readHints(lesson3).length;
  const requests: string[] = [];
  const errors: string[] = [];
  let temp: string;
  let context: BrowserContext;
  let page: Page;

  const outDir = () => path.join(temp, 'site');
  const fileUrl = (file: string) => pathToFileURL(path.join(outDir(), file)).href;
  const screenshotPath = (name: string) => path.join(temp, 'screenshots', `${name}.png`);
  const screenshot = (name: string, fullPage = false) => page.screenshot({ path: screenshotPath(name), fullPage });
  const bodyBackground = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const sidebarLink = (name: RegExp) => page.locator('#sidebar .nav-list').getByRole('link', { name });

  beforeAll(async () => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'site-browser-'));
    await buildSite({ outDir: outDir() });
    context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
    // The real clipboard: Chromium grants it to file:// pages once asked.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    context.on('request', (request) => requests.push(request.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await context?.close();
    const screenshots = path.join(temp, 'screenshots');
    if (existsSync(screenshots)) cpSync(screenshots, '/tmp/site-screenshots', { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  test('opens the front page from disk, its scripts and styles allowed by the CSP', async () => {
    await page.goto(fileUrl('index.html'));
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true); // site.js ran
    expect(await page.evaluate(() => typeof (window as { MiniSearch?: unknown }).MiniSearch)).toBe('function');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui'); // site.css applied
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('pre.shiki span span')!).color)).not.toBe(
      await page.evaluate(() => getComputedStyle(document.body).color),
    ); // shiki.css applied
    await screenshot('index-light');
  });

  test('enforces that CSP from disk: an injected inline script does not run', async () => {
    const probe = await context.newPage();
    await probe.goto(fileUrl('index.html'));
    const ran = await probe.evaluate(async () => {
      const refused = new Promise((resolve) => document.addEventListener('securitypolicyviolation', resolve, { once: true }));
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      await refused;
      return (window as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    await probe.close();
  });

  test('goes to lesson 3 through the sidebar, which marks it as the current page', async () => {
    await sidebarLink(/^Lesson 3\b/).click();
    await page.waitForURL(fileUrl(lessonPage(lesson3)));
    await expect.poll(() => sidebarLink(/^Lesson 3\b/).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('figure.diagram svg').isVisible()).toBe(true);
    await screenshot('lesson-3-light');
    await page.locator('figure.diagram').screenshot({ path: screenshotPath('lesson-3-diagram-light') });
  });

  test("copies a code block with its button, without the button's own text", async () => {
    const block = page.locator('.code-block').first();
    await block.locator('.copy-button').click();
    await expect.poll(() => block.locator('.copy-button').textContent()).toBe('Copied');
    const code = await block.locator('pre').textContent();
    expect(code?.trim()).not.toBe('');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  });

  test('reveals the hints one at a time', async () => {
    const hints = page.locator('.hint-list li');
    const button = page.getByRole('button', { name: 'Show a hint' });
    expect(lesson3Hints, 'lesson 3 has hints in hints.md').toBeGreaterThan(1);
    expect(await hints.count()).toBe(lesson3Hints);
    expect(await page.locator('.hint-list li:visible').count()).toBe(0);
    await button.click();
    expect(await page.locator('.hint-list li:visible').count()).toBe(1);
    const next = page.getByRole('button', { name: 'Show the next hint' });
    for (let shown = 2; shown <= lesson3Hints; shown++) {
      await next.click();
      expect(await page.locator('.hint-list li:visible').count()).toBe(shown);
    }
    expect(await next.isVisible()).toBe(false);
  });

  test('searches for a word only lesson 5 has and follows the hit to its section', async () => {
    // A word from lesson 5's text that the site's own index finds on lesson 5 only.
    const search = loadSearch(readFileSync(path.join(outDir(), 'assets/search-index.js'), 'utf8'));
    const page5 = lessonPage(lesson5);
    const words = new Set(
      readFileSync(lesson5.readme, 'utf8')
        .toLowerCase()
        .match(/\p{L}{7,}/gu),
    );
    const word = [...words].find((candidate) => {
      const hits = search(candidate);
      return hits.length > 0 && hits.every((hit) => hit.id.startsWith(`${page5}#`));
    });
    expect(word, 'a word that only lesson 5 has').toBeDefined();

    await page.getByLabel('Search the lessons').fill('qqxzvkj');
    await expect.poll(() => page.locator('#search-results').textContent()).toBe('No matches');
    await page.getByLabel('Search the lessons').fill(word!);
    const firstHit = page.locator('#search-results a').first();
    await expect.poll(() => firstHit.getAttribute('href')).toMatch(new RegExp(`^${page5}#`));
    await screenshot('search');
    const [, section] = (await firstHit.getAttribute('href'))!.split('#');
    await page.getByLabel('Search the lessons').press('Enter');
    await page.waitForURL(`${fileUrl(page5)}#${section}`);
    expect(await page.locator(`[id="${section}"]`).isVisible()).toBe(true);
  });

  test("folds a lesson's Going further, and opens it for a link into one of its sections", async () => {
    const page8 = fileUrl(lessonPage(lesson('lesson-8')));
    await page.goto(page8);
    const folded = page.locator('details.going-further');
    expect(await folded.count(), "lesson 8's README has a Going further section").toBe(1);
    expect(await folded.getAttribute('open')).toBeNull();
    const inside = await folded.locator('h3[id]').first().getAttribute('id');
    expect(inside, 'its Going further has a ### section').toBeTruthy();
    await page.goto(`${page8}#${inside}`);
    await expect.poll(() => folded.getAttribute('open')).not.toBeNull();
    expect(await page.locator(`[id="${inside}"]`).isVisible()).toBe(true);
    await page.goto(fileUrl(lessonPage(lesson5))); // where the next test starts
  });

  test('switches to dark mode and remembers it', async () => {
    const light = await bodyBackground();
    await page.locator('.theme-toggle').click();
    const dark = await bodyBackground();
    expect(dark).not.toBe(light);
    await page.reload();
    expect(await bodyBackground()).toBe(dark);
    await page.locator('figure.diagram').screenshot({ path: screenshotPath('lesson-5-diagram-dark') });
    await sidebarLink(/^Lesson 3\b/).click();
    await page.waitForURL(fileUrl(lessonPage(lesson3)));
    expect(await bodyBackground()).toBe(dark);
    await screenshot('lesson-3-dark');
    await page.locator('figure.diagram').screenshot({ path: screenshotPath('lesson-3-diagram-dark') });
    await page.goto(fileUrl('index.html'));
    await screenshot('index-dark');
    await page.locator('.theme-toggle').click();
    expect(await bodyBackground()).toBe(light);
  });

  test('fits a 390px phone: the sidebar folds behind the menu button', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(fileUrl(lessonPage(lesson3)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await screenshot('phone-lesson-3');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#sidebar').isVisible()).toBe(true);
    await screenshot('phone-menu');
    await page.keyboard.press('Escape');
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('prints without navigation or buttons, with every hint, the solution and the changes shown', async () => {
    await page.evaluate(() => {
      const open = () => document.querySelectorAll('details[open]').length;
      const state = { before: open(), during: 0, after: 0 };
      (window as { printState?: typeof state }).printState = state;
      addEventListener('beforeprint', () => (state.during = open()));
      addEventListener('afterprint', () => (state.after = open()));
    });
    await page.pdf({ path: path.join(temp, 'lesson-3.pdf') }); // fires beforeprint and afterprint
    const details = await page.locator('details').count();
    expect(await page.evaluate(() => (window as { printState?: object }).printState)).toEqual({ before: 0, during: details, after: 0 });

    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#sidebar', '.topbar', '.pager', '.copy-button']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    expect(await page.locator('.hint-list li:visible').count()).toBe(lesson3Hints);
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await screenshot('print-lesson-3', true);
    await page.emulateMedia({ media: 'screen' });
  });

  test('made no request beyond file:// and logged no error', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  // As `npm start` serves it: the site, plus api/progress answered by `progress`.
  // Returns what went wrong on the way: console errors, requests to other origins.
  async function served(progress: string, visit: (tab: Page, origin: string) => Promise<void>): Promise<string[]> {
    const files = sirv(outDir());
    const server = http.createServer((req, res) => {
      if (req.url !== '/api/progress') return files(req, res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(progress);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('request', (request) => request.url().startsWith(`${origin}/`) || problems.push(`request: ${request.url()}`));
    try {
      await visit(tab, origin);
    } finally {
      await tab.close();
      server.close();
    }
    return problems;
  }

  test('served over HTTP, ticks the lessons api/progress says passed or failing', async () => {
    const progress = JSON.stringify({ 'lesson-1': 'passed', 'lesson-2': 'failing', 'lesson-3': 'not started' });
    const problems = await served(progress, async (tab, origin) => {
      await tab.goto(`${origin}/${lessonPage(lesson3)}`);
      const status = (lesson: string) => tab.locator(`#sidebar [data-lesson="${lesson}"] .status`);
      await expect.poll(() => status('lesson-1').textContent()).toBe('✓');
      expect(await status('lesson-2').textContent()).toBe('✗');
      expect(await status('lesson-3').count()).toBe(0);
      expect(await tab.locator('#sidebar [data-lesson="lesson-2"]').textContent()).toMatch(/✗ \(failing\)$/);
    });
    expect(problems).toEqual([]);
  });

  test('served over HTTP, an unusable api/progress shows no ticks and logs nothing', async () => {
    const problems = await served('<!doctype html><p>not JSON</p>', async (tab, origin) => {
      const answered = tab.waitForResponse(`${origin}/api/progress`);
      await tab.goto(`${origin}/index.html`);
      await answered;
      await tab.waitForLoadState('networkidle');
      expect(await tab.locator('.status').count()).toBe(0);
    });
    expect(problems).toEqual([]);
  });
});
