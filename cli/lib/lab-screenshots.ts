// npm run lab -- --screenshots: the lab of lessons 3, 8 and 10 (their
// solutions) in Chromium, each in the middle of its experiment, in the light
// and the dark theme, written to site/docs/lab/ for the README and the review.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumNotFound, chromiumPath } from '../../lib/chromium.ts';
import { repoRoot } from '../../lib/workspace.ts';
import { startLab } from './lab-process.ts';

const outDir = path.join(repoRoot, 'site', 'docs', 'lab');
const WAIT_MS = 40_000;

// What each screenshot shows: the experiment, driven through the page until the moment worth a picture.
const experiments: Record<string, (page: Page) => Promise<void>> = {
  // The round-robin: fresh connections spread over the workers.
  'lesson-3': async (page) => {
    await click(page, 'Start the load');
    await page.waitForTimeout(3_000);
  },
  // A roll under load: the pool has one worker more while a slot is swapped.
  'lesson-8': async (page) => {
    await click(page, 'Start the load');
    await page.waitForTimeout(1_500);
    await click(page, 'Roll (SIGHUP)');
    await page.waitForFunction(() => document.querySelectorAll('#lab-processes tbody tr').length >= 4, undefined, { timeout: WAIT_MS });
    await page.waitForTimeout(600);
  },
  // A hung worker: silent while the primary waits for its heartbeat, then killed and replaced.
  'lesson-10': async (page) => {
    await click(page, 'Start the load');
    await page.waitForTimeout(1_000);
    await click(page, 'GET /hang');
    await page.waitForFunction(() => document.getElementById('lab-log')!.textContent!.includes('exited (SIGKILL'), undefined, { timeout: WAIT_MS });
    await page.waitForTimeout(300);
  },
};

const click = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

// Why: the screenshots are made, not drawn, so they show what the lab really does today.
export async function writeLabScreenshots(): Promise<void> {
  if (!chromiumPath) throw new Error(chromiumNotFound);
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    for (const [lesson, experiment] of Object.entries(experiments)) {
      const lab = await startLab(lesson, { WORKSHOP_TARGET: 'solutions' });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        await page.goto(lab.url);
        await page.waitForFunction(() => /is serving at/.test(document.getElementById('lab-status')!.textContent!), undefined, { timeout: WAIT_MS });
        await page.waitForTimeout(1_200); // the probes have found every worker listening
        await experiment(page);
        await page.evaluate(() => scrollTo(0, 0)); // a click may have scrolled to its button: the picture first
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const file = path.join(outDir, `${lesson}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          console.log(`wrote ${path.relative(repoRoot, file)}`);
        }
      } finally {
        await lab.kill();
      }
    }
  } finally {
    await browser.close();
  }
}
