import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { startServer, type LessonServer } from './harness/lesson-server.ts';
import { describeFailures, startLoad, type Connections } from './harness/load.ts';
import { rollingRestart } from './harness/roll.ts';
import { recordWorkerTimeline } from './harness/worker-timeline.ts';

// Rolls `rolls` times under load, and checks that no request failed and the pool never grew past workers + 1.
async function rollUnderLoad(server: LessonServer, { workers, rolls, connections, clients }: { workers: number; rolls: number; connections: Connections; clients: number }) {
  const timeline = recordWorkerTimeline(server);
  const load = startLoad(server.url, { clients, connections });
  for (let i = 0; i < rolls; i++) await rollingRestart(server, workers);
  const report = await load.stop();
  await timeline.stop();

  expect(report.answered, server.explain(`the load got no answer at all during the roll(s)`)).toBeGreaterThan(0);
  expect(report.sent - report.answered, server.explain(`${describeFailures(report)} during ${rolls} rolling restart(s) with WORKERS=${workers} under ${connections} load: start the new worker and wait until it listens before the old one leaves; let the old one finish what it has and close keep-alive connections only with a Connection: close answer or after a grace period`)).toBe(0);
  const most = mostAtOnce(timeline.lifetimes());
  expect(most, server.explain(`during the roll(s) the primary had ${most} workers at once with WORKERS=${workers}: replace one slot at a time (at most ${workers + 1})`)).toBeLessThanOrEqual(workers + 1);
}

// The largest number of workers alive at the same moment.
function mostAtOnce(lifetimes: { firstSeen: number; lastSeen: number }[]): number {
  const events = lifetimes.flatMap((each) => [[each.firstSeen, 1], [each.lastSeen, -1]] as const).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let alive = 0;
  let most = 0;
  for (const [, change] of events) most = Math.max(most, (alive += change));
  return most;
}

test('WORKERS=1, fresh connections: three rolling restarts in a row lose no request', async () => {
  const server = await startServer('lesson-8', { WORKERS: '1' });
  await rollUnderLoad(server, { workers: 1, rolls: 3, connections: 'fresh', clients: 4 });
});

test('WORKERS=1, keep-alive connections: a rolling restart loses no request', async () => {
  const server = await startServer('lesson-8', { WORKERS: '1' });
  await rollUnderLoad(server, { workers: 1, rolls: 1, connections: 'keep-alive', clients: 8 });
});

test('WORKERS=2, keep-alive connections, a second SIGHUP during the roll: no request lost, never more than 3 workers', async () => {
  const server = await startServer('lesson-8', { WORKERS: '2' });
  const timeline = recordWorkerTimeline(server);
  const load = startLoad(server.url, { clients: 8, connections: 'keep-alive' });
  const first = await server.workers();
  server.signal('SIGHUP');
  await server.waitFor('after SIGHUP no new worker was started within 10 s', async () => ((await server.workers()).some((pid) => !first.includes(pid)) ? true : undefined));
  await rollingRestart(server, 2); // the second SIGHUP, during the first roll: coalesced into one more roll afterwards
  const report = await load.stop();
  await timeline.stop();
  expect(report.sent - report.answered, server.explain(`${describeFailures(report)} during the rolling restarts with WORKERS=2 under keep-alive load`)).toBe(0);
  const most = mostAtOnce(timeline.lifetimes());
  expect(most, server.explain(`the primary had ${most} workers at once with WORKERS=2 and a SIGHUP during a roll: coalesce it into one more roll afterwards, never two rolls at once (at most 3 workers)`)).toBeLessThanOrEqual(3);
});

test('WORKERS=1 with a slow start (START_DELAY_MS=1500): a rolling restart waits for the new worker to listen and loses no request', async () => {
  const server = await startServer('lesson-8', { WORKERS: '1', START_DELAY_MS: '1500' });
  await rollUnderLoad(server, { workers: 1, rolls: 1, connections: 'fresh', clients: 4 });
});

// A FAIL_START_FILE of the test's own, switched on now.
function brokenStartUps(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workshop-fault-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'fail-start');
}

for (const [broken, env, breakIt] of [
  ['crashes at start-up', (file: string) => ({ FAIL_START_FILE: file }), (file: string) => writeFileSync(file, '')],
  ['is not listening within READY_TIMEOUT_MS', () => ({ START_DELAY_MS: '2500', READY_TIMEOUT_MS: '1000' }), () => {}],
] as const) {
  test(`a new worker that ${broken} aborts the roll: the old worker keeps serving, no request lost`, async () => {
    const fault = brokenStartUps();
    const server = await startServer('lesson-8', { WORKERS: '1', ...env(fault) });
    const [old] = await server.workers();
    breakIt(fault);
    const timeline = recordWorkerTimeline(server);
    const load = startLoad(server.url, { clients: 2, connections: 'fresh' });
    server.signal('SIGHUP');
    const newcomer = await server.waitFor(
      `after SIGHUP with a new worker that ${broken}, no new worker was started and ended within 15 s: the roll must start one, see it fail, kill it, and keep the old worker`,
      async () => timeline.lifetimes().find((each) => each.pid !== old && each.gone),
      15_000,
    );
    const report = await load.stop();
    await timeline.stop();
    const now = await server.workers();
    expect(now, server.explain(`the new worker ${newcomer.pid} ${broken}; afterwards the pool is ${now.join(', ') || 'empty'}: the old worker ${old} must keep serving, alone`)).toEqual([old]);
    expect(report.sent - report.answered, server.explain(`${describeFailures(report)} while a broken new worker was tried: a broken deploy must cost nothing`)).toBe(0);
    expect([...report.pids], server.explain(`requests were answered by ${[...report.pids].join(', ')}: only the old worker ${old} should have served`)).toEqual([old]);
  });
}

test('a bad READY_TIMEOUT_MS (abc, 0, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it', async () => {
  await expectBadValuesRefused('lesson-8', 'READY_TIMEOUT_MS', ['abc', '0', '1.5', ''], { env: { WORKERS: '1' } });
});
