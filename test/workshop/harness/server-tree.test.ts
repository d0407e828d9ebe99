// The harness times a primary by its own exit, not by the end of its output,
// which a worker it orphaned holds open: such a primary is reported as quick
// to exit, and as leaving that worker running.
import { expect, test } from 'vitest';
import { spawnServerTree } from '../../../lib/server-tree.ts';
import { leftBehind } from '../../harness/lesson-server.ts';

const ORPHANING_PRIMARY = 'test/workshop/harness/fixtures/orphaning-primary.ts';
// The orphan lives 30 s: the end of the output would come then.
const REPORTED_WITHIN_MS = 10_000;

test('a primary that exits at once and orphans its worker: exited settles with its exit, naming the worker left running', async ({ onTestFinished }) => {
  const spawnedAt = performance.now();
  const tree = spawnServerTree(ORPHANING_PRIMARY, 'an orphaning primary', {});
  onTestFinished(() => tree.stop());
  tree.ready.catch(() => {}); // it never prints a ready line: not the point here
  const exit = await tree.exited;
  const reportedAfterMs = performance.now() - spawnedAt;
  const orphan = Number(/started worker (\d+)/.exec(tree.output())?.[1]);

  expect(reportedAfterMs, `exited settled ${reportedAfterMs.toFixed(0)} ms after the spawn: it waited for the orphan's output to end`).toBeLessThan(
    REPORTED_WITHIN_MS,
  );
  expect(exit.exitCode, 'the primary exited with code 0').toBe(0);
  expect(exit.at! - spawnedAt, 'the exit is timed by the primary itself').toBeLessThan(reportedAfterMs);
  expect(exit.leftRunning, `the worker ${orphan} was running when the primary exited (output: ${tree.output()})`).toEqual([orphan]);
  expect(leftBehind(exit)).toContain(String(orphan));
  expect(await tree.group(), 'the orphan is still running, in the group, until stop()').toEqual([orphan]);
});
