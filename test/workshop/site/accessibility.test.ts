// The browser test's accessibility audit: every page of the built site,
// opened from disk with everything a learner can reveal shown (every hint, the
// solution, the changes, search results, a copy button), checked by axe-core in Chromium in
// each theme: light and dark as the system prefers, and each one picked with
// the toggle against the system's choice. The toggle only decides which
// theme's colours apply, and every page is audited in both already, so with the
// toggle a sample is enough: the front page and the last lesson (charts,
// tables, code, hints).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../../site/build-site.ts';
import { axeViolations, loadAxe } from './axe-audit.ts';
import { chromiumArgs, chromiumPath, describeInChromium } from './chromium.ts';

type Theme = 'light' | 'dark';

// The theme a page shows and the one the system prefers; when they differ, the toggle picked it.
const themeCase = (shown: Theme, system: Theme) => ({
  shown,
  system,
  name: shown === system ? `${shown} by the system` : `${shown} by the toggle on a ${system} system`,
});
const themes = [themeCase('light', 'light'), themeCase('dark', 'dark'), themeCase('dark', 'light'), themeCase('light', 'dark')];

// What the page looks like, from its background: the CSS, not the script's idea of it.
const shownTheme = (tab: Page): Promise<Theme> =>
  tab.evaluate(() => {
    const [red, green, blue] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
    return red + green + blue < 384 ? 'dark' : 'light';
  });

// Everything hidden until a learner asks: hints one click each, the <details>,
// search hits, and a copy button (shown when the mouse is over its code).
async function revealAll(tab: Page): Promise<void> {
  const hints = await tab.locator('.hint-list li').count();
  for (let shown = 0; shown < hints; shown++) await tab.locator('.hint-button').click();
  for (const summary of await tab.locator('details > summary').all()) await summary.click();
  await tab.getByLabel('Search the lessons').fill('worker');
  await tab.locator('#search-results a').first().waitFor();
  const code = tab.locator('.code-block').first();
  await code.hover();
  await expect.poll(() => code.locator('.copy-button').evaluate((button) => getComputedStyle(button).opacity)).toBe('1'); // it fades in
  expect(await tab.locator('.hint-list li[hidden], details:not([open])').count(), 'everything is revealed').toBe(0);
}

describeInChromium('the site in Chromium, audited by axe-core', () => {
  let temp: string;
  let pages: string[];
  let browser: Browser;
  const outDir = () => path.join(temp, 'site');

  beforeAll(async () => {
    temp = mkdtempSync(path.join(os.tmpdir(), 'site-axe-'));
    pages = (await buildSite({ outDir: outDir() })).map((file) => file.path).filter((file) => file.endsWith('.html'));
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  test.each(themes)('no axe violation on any page, $name', async ({ shown, system }) => {
    const context = await browser.newContext({ colorScheme: system, viewport: { width: 1280, height: 900 } });
    try {
      await loadAxe(context);
      const tab = await context.newPage();
      const violations: string[] = [];
      const audited = shown === system ? pages : [pages[0]!, pages.find((page) => page === 'lesson-12.html') ?? pages.at(-1)!];
      for (const page of audited) {
        await tab.goto(pathToFileURL(path.join(outDir(), page)).href);
        if (shown !== system && page === audited[0]) await tab.locator('.theme-toggle').click(); // remembered on the next pages
        expect(await shownTheme(tab), page).toBe(shown);
        await revealAll(tab);
        violations.push(...(await axeViolations(tab, page)));
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
