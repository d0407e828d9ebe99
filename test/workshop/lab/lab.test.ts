// npm run lab in Chromium: the lab started as a learner starts it (its own
// process, the lesson's solution as its server), its page driven as a learner
// drives it, and what the page shows checked against what the OS and the
// server did. Then Ctrl+C, and nothing may be left. The tests run one at a time:
// they time restarts on a small machine.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sentence } from '../../../lib/message.ts';
import { groupMembers, isAlive } from '../../../lib/process-tree.ts';
import { type LabProcess, startLab } from '../../../cli/lib/lab-process.ts';
import { axeViolations, loadAxe } from '../site/axe-audit.ts';
import { chromiumArgs, chromiumPath, describeInChromium } from '../site/chromium.ts';

// A lab on a loaded 2-core machine: its server's start, the page's polls and a roll take their time.
const LAB_TEST_TIMEOUT_MS = 120_000;

type Row = { pid: number; role: string; state: string; answersPerSecond: number };

// The process table of the page, as a screen reader reads it.
const rows = (page: Page): Promise<Row[]> =>
  page.locator('#lab-processes tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const [pid, role, state, perSecond] = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return { pid: Number(pid), role: role!, state: state!, answersPerSecond: Number(perSecond) };
    }),
  );
const liveWorkers = async (page: Page) => (await rows(page)).filter((row) => row.role === 'worker' && row.state !== 'gone');
const logText = (page: Page) => page.locator('#lab-log').innerText();
const fact = (page: Page, name: string) => page.locator(`#lab-load-numbers dd[data-fact="${name}"]`).innerText();

describeInChromium('npm run lab, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });
  afterAll(() => browser?.close());

  // A lab on `lesson`'s solution and its page; whatever happens, the lab and its server are killed and
  // confirmed gone. The page may load nothing from elsewhere and log no error.
  async function inLab(lesson: string, visit: (page: Page, lab: LabProcess) => Promise<void>, env: Record<string, string> = {}) {
    const lab = await startLab(lesson, { WORKSHOP_TARGET: 'solutions', ...env });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    try {
      await loadAxe(context);
      const page = await context.newPage();
      page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => request.url().startsWith(lab.url) || problems.push(`request: ${request.url()}`));
      await page.goto(lab.url);
      await visit(page, lab);
    } finally {
      await context.close();
      await lab.kill();
    }
    expect(problems, 'the lab page loads nothing from elsewhere and logs no error').toEqual([]);
  }

  const ready = async (page: Page, workers: number) => {
    await expect.poll(() => page.locator('#lab-status').innerText(), { timeout: 25_000 }).toMatch(/is serving at http:\/\/127\.0\.0\.1:\d+/);
    await expect
      .poll(async () => (await liveWorkers(page)).filter((row) => row.state === 'listening').length, {
        timeout: 15_000,
        message: `the page shows ${workers} listening workers`,
      })
      .toBe(workers);
    return (await liveWorkers(page)).map((row) => row.pid);
  };

  test(
    "lesson 5: the page shows the 2 workers' PIDs; a killed worker's replacement appears within 5 s, and the log names the signal",
    async () => {
      await inLab('lesson-5', async (page, lab) => {
        const before = await ready(page, 2);
        expect(before).toHaveLength(2);
        await expect.poll(() => page.locator('#lab-svg').innerHTML(), { message: 'the picture shows each worker' }).toContain(`worker ${before[0]}`);
        expect(await page.locator('#lab-svg-title').textContent()).toContain(`worker ${before[1]}`);

        // Lesson 5 cannot roll: the page offers no SIGHUP, and the lab refuses it; nor does it take a POST from another page.
        expect(await page.getByRole('button', { name: 'Roll (SIGHUP)' }).count()).toBe(0);
        const post = async (headers: Record<string, string>) => (await fetch(new URL('api/action?name=roll', lab.url), { method: 'POST', headers })).status;
        expect(await post({ 'x-workshop-lab': '1' })).toBe(409);
        expect(await post({})).toBe(403);

        const killedAt = performance.now();
        await page.getByRole('button', { name: 'Kill a worker (SIGKILL)' }).click();
        await expect
          .poll(async () => (await liveWorkers(page)).some((row) => !before.includes(row.pid)), {
            timeout: 5_000,
            message: 'a new worker PID on the page within 5 s of the kill',
          })
          .toBe(true);
        const appearedAfterMs = performance.now() - killedAt;
        const killed = Number(/you sent SIGKILL to worker (\d+)/.exec(await logText(page))?.[1]);
        expect(before, 'the lab killed one of the workers it showed').toContain(killed);
        expect(isAlive(killed)).toBe(false);
        await expect.poll(() => logText(page), { timeout: 5_000 }).toMatch(new RegExp(`worker ${killed} exited \\(SIGKILL`));
        expect(appearedAfterMs).toBeLessThan(5_000);
      });
    },
    LAB_TEST_TIMEOUT_MS,
  );

  test(
    'lesson 8: with the load on, SIGHUP swaps every PID, and the failed counter stays 0',
    async () => {
      await inLab('lesson-8', async (page) => {
        const before = await ready(page, 2);
        await page.getByRole('button', { name: 'Start the load' }).click();
        await expect.poll(() => fact(page, 'sent').then(Number), { message: 'the load is sending' }).toBeGreaterThan(20);
        await page.getByRole('button', { name: 'Roll (SIGHUP)' }).click();
        const failedSeen = new Set<string>();
        await expect
          .poll(
            async () => {
              failedSeen.add(await fact(page, 'failed'));
              const live = await liveWorkers(page);
              return (
                live.filter((row) => row.state === 'listening' && !before.includes(row.pid)).length === 2 && live.every((row) => !before.includes(row.pid))
              );
            },
            { timeout: 40_000, message: 'two new listening workers, and none of the old ones, on the page' },
          )
          .toBe(true);
        await expect.poll(() => logText(page), { timeout: 5_000 }).toMatch(/every worker replaced: 2 old PIDs gone/);
        failedSeen.add(await fact(page, 'failed'));
        expect([...failedSeen], 'the failed counter, read all through the roll').toEqual(['0']);
        expect(Number(await fact(page, 'sent'))).toBeGreaterThan(100);
      });
    },
    LAB_TEST_TIMEOUT_MS,
  );

  test(
    'lesson 6 with the start-up fault on: the log shows longer and longer waits between the forks of the failing slot',
    async () => {
      await inLab('lesson-6', async (page) => {
        await ready(page, 2);
        await page.getByRole('button', { name: 'Start-up fault on / off' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'Start-up fault on / off' }).getAttribute('aria-pressed')).toBe('true');
        await page.getByRole('button', { name: 'Kill a worker (SIGKILL)' }).click();
        const waits = async () => {
          const log = await logText(page);
          const afterKill = log.slice(log.indexOf('you sent SIGKILL'));
          return [...afterKill.matchAll(/forked, (\d+) ms after the last exit/g)].map((match) => Number(match[1]));
        };
        // The kill, then four failed starts: 100, 200, 400 and 800 ms (lesson 6's contract) before the next forks.
        await expect.poll(async () => (await waits()).length, { timeout: 30_000, message: 'five forks after the kill' }).toBeGreaterThanOrEqual(5);
        const [, first, , , fourth] = await waits();
        expect(
          fourth,
          sentence`the waits between forks in the log (${(await waits()).join(', ')} ms) should grow: the fourth wait after a failed start
          at least 2 × the first`,
        ).toBeGreaterThan(2 * first!);
        expect(await logText(page)).toMatch(/exited \(code 1/);
        expect(
          (await liveWorkers(page)).some((row) => row.state === 'listening'),
          'the other worker keeps serving',
        ).toBe(true);
      });
    },
    LAB_TEST_TIMEOUT_MS,
  );

  test(
    'Ctrl+C with the load on: the lab exits 0 and no process of the lab, the server or the load is left',
    async () => {
      await inLab('lesson-3', async (page, lab) => {
        const workers = await ready(page, 2);
        await page.getByRole('button', { name: 'Start the load' }).click();
        await expect
          .poll(async () => (await liveWorkers(page)).filter((row) => row.answersPerSecond > 0).length, {
            timeout: 10_000,
            message: 'both workers answer the load, on fresh connections',
          })
          .toBe(2);
        const tree = await lab.tree();
        expect(tree, 'the lesson server and its workers are below the lab').toEqual(expect.arrayContaining(workers));
        const serverGroup = tree[1]!;
        await page.close(); // its next poll would find the lab gone
        lab.interrupt();
        expect(await lab.exited).toEqual({ exitCode: 0, signal: undefined });
        expect(lab.output()).toContain('Stopped: no process of the lesson server is left.');
        expect(tree.filter(isAlive), 'processes of the lab left after Ctrl+C').toEqual([]);
        expect(await groupMembers(serverGroup)).toEqual([]);
        expect(await groupMembers(lab.pid)).toEqual([]);
      });
    },
    LAB_TEST_TIMEOUT_MS,
  );

  test(
    "a server that does not start: the page and the terminal show its output with the tests' explanation",
    async () => {
      await inLab(
        'lesson-4',
        async (page, lab) => {
          await expect.poll(() => page.locator('#lab-status').innerText(), { timeout: 20_000 }).toMatch(/did not start/);
          const shown = await page.locator('#lab-output').innerText();
          expect(shown).toContain('exited (code 2) before printing "listening on http://..."');
          expect(shown).toMatch(/\| .*WORKERS/);
          expect(lab.output()).toContain('exited (code 2) before printing "listening on http://..."');
        },
        { WORKERS: 'abc' },
      );
    },
    LAB_TEST_TIMEOUT_MS,
  );

  test.each(['light', 'dark'] as const)(
    'no axe violation on the lab page of lesson 10 during an experiment, %s',
    async (colorScheme) => {
      await inLab('lesson-10', async (page) => {
        await page.emulateMedia({ colorScheme });
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number));
        expect(background.reduce((sum, part) => sum + part, 0) < 384 ? 'dark' : 'light', 'the theme the page shows').toBe(colorScheme);
        await ready(page, 2);
        await page.getByRole('button', { name: 'Start the load' }).click();
        await page.getByRole('button', { name: 'GET /slow?ms=…' }).click();
        await expect.poll(() => logText(page)).toMatch(/sent GET \/slow/);
        await expect.poll(() => fact(page, 'answers/s').then(Number)).toBeGreaterThan(0);
        expect(await axeViolations(page, `lab lesson-10 (${colorScheme})`)).toEqual([]);
      });
    },
    LAB_TEST_TIMEOUT_MS,
  );
});
