import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startGet } from '../lib/http.ts';
import { describeFailures, startLoad, type Connections } from '../lib/load.ts';
import { sentence } from '../lib/message.ts';
import { pollUntil } from '../lib/poll.ts';
import { isAlive } from '../lib/process-tree.ts';
import { rollingRestart } from '../lib/roll.ts';
import { spawnServerTree, whenReady } from '../lib/server-tree.ts';
import { stateDir } from '../lib/workspace.ts';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { test, type LessonContext, type LessonServer } from './harness/lesson-server.ts';
import { lessonEntry } from './harness/target.ts';
import { startupFault, type StartupFault } from './harness/startup-fault.ts';
import { recordWorkerTimeline, type Lifetime } from './harness/worker-timeline.ts';

// Rolls `rolls` times under load, and checks that no request failed and the pool never grew past workers + 1.
async function rollUnderLoad(
  expect: LessonContext['expect'],
  server: LessonServer,
  { workers, rolls, connections, clients }: { workers: number; rolls: number; connections: Connections; clients: number },
) {
  const timeline = recordWorkerTimeline(server);
  const load = startLoad(server.url, { clients, connections });
  for (let i = 0; i < rolls; i++) await rollingRestart(server, workers);
  const report = await load.stop();
  await timeline.stop();

  expect(report.answered, server.explain(`the load got no answer at all during the roll(s)`)).toBeGreaterThan(0);
  expect(
    report.sent - report.answered,
    server.explain(sentence`${describeFailures(report)} during ${rolls} rolling restart(s) with WORKERS=${workers} under ${connections} load:
      start the new worker and wait until it listens before the old one leaves; let the old one finish what it has and close keep-alive
      connections only with a Connection: close answer or after a grace period`),
  ).toBe(0);
  const most = mostAtOnce(timeline.lifetimes());
  expect(
    most,
    server.explain(sentence`during the roll(s) the primary had ${most} workers at once with WORKERS=${workers}:
      replace one slot at a time (at most ${workers + 1})`),
  ).toBeLessThanOrEqual(workers + 1);
}

// The largest number of workers alive at the same moment.
function mostAtOnce(lifetimes: Lifetime[]): number {
  return peakOf(lifetimes).length;
}

// The workers alive together at the moment the most were.
function peakOf(lifetimes: Lifetime[]): Lifetime[] {
  let peak: Lifetime[] = [];
  for (const at of lifetimes) {
    const alive = lifetimes.filter((each) => each.firstSeen <= at.firstSeen && each.lastSeen >= at.firstSeen);
    if (alive.length > peak.length) peak = alive;
  }
  return peak;
}

test.concurrent('WORKERS=1, fresh connections: three rolling restarts in a row lose no request', async ({ expect, startServer }) => {
  const server = await startServer('lesson-8', { WORKERS: '1' });
  await rollUnderLoad(expect, server, { workers: 1, rolls: 3, connections: 'fresh', clients: 4 });
});

test.concurrent('WORKERS=1, keep-alive connections: a rolling restart loses no request', async ({ expect, startServer }) => {
  const server = await startServer('lesson-8', { WORKERS: '1' });
  await rollUnderLoad(expect, server, { workers: 1, rolls: 1, connections: 'keep-alive', clients: 8 });
});

test.concurrent(
  'WORKERS=2, keep-alive connections, a second SIGHUP during the roll: no request lost, never more than 3 workers',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-8', { WORKERS: '2' });
    const timeline = recordWorkerTimeline(server);
    const load = startLoad(server.url, { clients: 8, connections: 'keep-alive' });
    const first = await server.workers();
    server.signal('SIGHUP');
    await server.waitFor('after SIGHUP no new worker was started within 10 s', async () =>
      (await server.workers()).some((pid) => !first.includes(pid)) ? true : undefined,
    );
    await rollingRestart(server, 2); // the second SIGHUP, during the first roll: coalesced into one more roll afterwards
    const report = await load.stop();
    await timeline.stop();
    expect(report.sent - report.answered, server.explain(`${describeFailures(report)} during the rolling restarts with WORKERS=2 under keep-alive load`)).toBe(
      0,
    );
    const peak = peakOf(timeline.lifetimes());
    const started = peak.filter((each) => !first.includes(each.pid)).map((each) => each.pid);
    const kept = peak.filter((each) => first.includes(each.pid)).map((each) => each.pid);
    expect(
      peak.length,
      server.explain(sentence`with WORKERS=2 and a second SIGHUP during a roll, ${peak.length} workers were alive at once:
      ${kept.length} of the first pool (${kept.join(', ') || 'none'}) and ${started.length} started by the rolls (${started.join(', ')}).
      A roll starts one new worker at a time, and retires its slot's old one before the next slot; a second SIGHUP waits for the
      roll under way to end. At most 3`),
    ).toBeLessThanOrEqual(3);
  },
);

test.concurrent(
  'WORKERS=1 with a slow start (START_DELAY_MS=1500): a rolling restart waits for the new worker to listen and loses no request',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-8', { WORKERS: '1', START_DELAY_MS: '1500' });
    await rollUnderLoad(expect, server, { workers: 1, rolls: 1, connections: 'fresh', clients: 4 });
  },
);

// A FAIL_START_FILE of the test's own, switched on now.
for (const [broken, env, breakIt] of [
  ['crashes at start-up', (fault: StartupFault) => ({ FAIL_START_FILE: fault.file }), (fault: StartupFault) => fault.on()],
  ['is not listening within READY_TIMEOUT_MS', () => ({ START_DELAY_MS: '2500', READY_TIMEOUT_MS: '1000' }), () => {}],
] as const) {
  test.concurrent(
    `a new worker that ${broken} aborts the roll: the old worker keeps serving, no request lost`,
    async ({ expect, onTestFinished, startServer }) => {
      const fault = startupFault(onTestFinished);
      const server = await startServer('lesson-8', { WORKERS: '1', ...env(fault) });
      const [old] = await server.workers();
      breakIt(fault);
      const timeline = recordWorkerTimeline(server);
      const load = startLoad(server.url, { clients: 2, connections: 'fresh' });
      server.signal('SIGHUP');
      const newcomer = await server.waitFor(
        sentence`after SIGHUP with a new worker that ${broken}, no new worker was started and ended within 15 s:
        the roll must start one, see it fail, kill it, and keep the old worker`,
        async () => timeline.lifetimes().find((each) => each.pid !== old && each.gone),
        15_000,
      );
      const report = await load.stop();
      await timeline.stop();
      const now = await server.workers();
      expect(
        now,
        server.explain(sentence`the new worker ${newcomer.pid} ${broken}; afterwards the pool is ${now.join(', ') || 'empty'}:
        the old worker ${old} must keep serving, alone`),
      ).toEqual([old]);
      expect(
        report.sent - report.answered,
        server.explain(`${describeFailures(report)} while a broken new worker was tried: a broken deploy must cost nothing`),
      ).toBe(0);
      expect(
        [...report.pids],
        server.explain(`requests were answered by ${[...report.pids].join(', ')}: only the old worker ${old} should have served`),
      ).toEqual([old]);
    },
  );
}

// How much later than the deadline a worker may be gone (SIGKILL is at once; this machine is noisy).
const MARGIN_MS = 2_500;

// WORKERS=1: the only worker is made busy for good, then SIGHUP. Resolves once
// the new worker answers: from then on the old one is being retired. /hang
// stands for a stream, a long poll or a WebSocket: a worker that will not
// leave by itself, whatever the time a slow machine takes to start the new one.
// Start the lesson 8 server for rollWhileBusy: ROLL_SOAK_MS=1, so that once the newcomer answers, its soak is
// over and the old worker is being retired (in no slot), not still serving beside a soaking newcomer.
const RETIRE_AT_ONCE = { ROLL_SOAK_MS: '1' };

async function rollWhileBusy(server: LessonServer) {
  const [old] = await server.workers();
  const busy = startGet(server.url, '/hang');
  busy.reply.catch(() => {}); // never answered: its worker is killed
  await busy.sent;
  server.signal('SIGHUP');
  // A request handed to the busy old worker waits; a short timeout lets the next one try.
  const newcomer = await server.waitFor(
    sentence`after SIGHUP, no new worker answered within 15 s while the old worker ${old} was busy:
      on SIGHUP, start a new worker next to the old one and wait for it to listen`,
    async () => {
      // The busy worker, orphaned, keeps the output open, so server.waitFor would not see the primary's death.
      if (!isAlive(server.pid))
        throw new Error(
          server.explain(sentence`the primary exited after SIGHUP: without a listener for SIGHUP, that signal kills it (Node's default);
            its busy worker ${old} is left behind`),
        );
      const reply = await server.get('/', 500).catch(() => undefined);
      return reply?.status === 200 && reply.body.pid !== old ? (reply.body.pid as number) : undefined;
    },
    15_000,
  );
  return { old: old!, newcomer };
}

test.concurrent(
  'a roll whose old worker is still busy at SHUTDOWN_TIMEOUT_MS kills it there, and the pool is back to WORKERS',
  async ({ expect, startServer }) => {
    const deadlineMs = 1_000;
    const server = await startServer('lesson-8', { WORKERS: '1', SHUTDOWN_TIMEOUT_MS: String(deadlineMs), ...RETIRE_AT_ONCE });
    const { old, newcomer } = await rollWhileBusy(server);
    await server.waitFor(
      sentence`the old worker ${old}, busy with a request that never ends, was still there ${((deadlineMs + MARGIN_MS) / 1000).toFixed(1)} s
      after its replacement was serving, with SHUTDOWN_TIMEOUT_MS=${deadlineMs}: give the worker a roll retires a deadline
      (SHUTDOWN_TIMEOUT_MS), then kill() it; without one, a stream or a long poll holds the roll at WORKERS + 1 for as long as it lasts`,
      async () => ((await server.workers()).includes(old) ? undefined : true),
      deadlineMs + MARGIN_MS,
    );
    const now = await server.workers();
    expect(
      now,
      server.explain(sentence`after the roll the pool is ${now.join(', ') || 'empty'}: with WORKERS=1 it must be the new worker ${newcomer} alone
      (the old one's exit is expected: replace nobody)`),
    ).toEqual([newcomer]);
  },
);

test.concurrent('a shutdown during a roll reaches the worker being retired: nothing is left after SHUTDOWN_TIMEOUT_MS', async ({ expect, startServer }) => {
  // Longer than the time the new worker takes to leave, so the primary is gone before the roll's own deadline.
  const deadlineMs = 2_000;
  const server = await startServer('lesson-8', { WORKERS: '1', SHUTDOWN_TIMEOUT_MS: String(deadlineMs), ...RETIRE_AT_ONCE });
  const { old } = await rollWhileBusy(server);
  const signalledAt = performance.now();
  server.signal('SIGTERM');
  // The process group itself, primary included: server.waitFor stops when the primary exits, and
  // server.exited waits for the output to end, which an orphaned worker, still writing to it, holds open.
  const left = await pollUntil(
    async () => {
      const group = await server.group();
      return group.length === 0 || performance.now() - signalledAt > deadlineMs + MARGIN_MS ? group : undefined;
    },
    { timeoutMs: deadlineMs + MARGIN_MS + 5_000, onTimeout: () => new Error('unreachable: the check returns at the deadline') },
  );
  expect(
    left,
    server.explain(sentence`SIGTERM came during a roll, while the old worker ${old} was being retired and busy with a request that never ends;
      ${((deadlineMs + MARGIN_MS) / 1000).toFixed(1)} s later (SHUTDOWN_TIMEOUT_MS=${deadlineMs}) process(es) ${left.join(', ')} still ran:
      the worker being retired is in no slot any more, so keep it in a set that stop() and killAll() include`),
  ).toEqual([]);
});

// Under load, SIGHUP with a bad release in place (`breakIt`): a new worker that crashes soon after it
// listens. It must abort the roll: every old worker still serves, and only the requests in flight on
// the newcomer when it died may fail.
async function expectBadReleaseAborted(expect: LessonContext['expect'], server: LessonServer, release: string, breakIt: () => void) {
  const clients = 4;
  const old = await server.workers();
  breakIt();
  const timeline = recordWorkerTimeline(server);
  const load = startLoad(server.url, { clients, connections: 'fresh' });
  server.signal('SIGHUP');
  const newcomer = await server.waitFor(
    sentence`after SIGHUP with ${release}, no new worker was started and ended within 15 s: the roll must start one, and it crashes`,
    async () => timeline.lifetimes().find((each) => !old.includes(each.pid) && each.gone),
    15_000,
  );
  // Long enough for a roll that went on to the next slot to show it: a start-up of this server.
  await delay(Math.min(server.startMs, 2_000));
  const report = await load.stop();
  await timeline.stop();
  const now = await server.workers();
  const started = timeline.lifetimes().filter((each) => !old.includes(each.pid));
  expect(
    [...now].sort(),
    server.explain(sentence`the new worker ${newcomer.pid} crashed ${(newcomer.lastSeen - newcomer.firstSeen).toFixed(0)} ms after it appeared
      (${release}); afterwards the pool is ${now.join(', ') || 'empty'}, and the roll had started ${started.map((each) => each.pid).join(', ')}:
      the old workers ${old.join(', ')} must all still serve. Let a new worker soak (stay up ROLL_SOAK_MS after it listens) before its
      slot's old worker is retired; one that dies in its soak aborts the roll`),
  ).toEqual([...old].sort());
  expect(
    started.map((each) => each.pid),
    server.explain(`after the new worker ${newcomer.pid} crashed in its soak, the roll started more workers: a newcomer that dies aborts the roll`),
  ).toEqual([newcomer.pid]);
  // Each client has one request in flight at a time: at most that many can have been on the newcomer when it died.
  expect(
    report.sent - report.answered,
    server.explain(sentence`${describeFailures(report)} while ${release} was tried under a load of ${clients} clients:
      only the requests in flight on the newcomer when it crashed (at most ${clients}) may fail`),
  ).toBeLessThanOrEqual(clients);
  const logged = server
    .output()
    .split('\n')
    .some((line) => line.includes(String(newcomer.pid)));
  expect(
    logged,
    server.explain(`the primary logged nothing about the new worker ${newcomer.pid} that crashed and aborted the roll: log the abort and why`),
  ).toBe(true);
}

// CRASH_AFTER_START_FILE (the contract's bad release): a worker started while the file exists crashes
// CRASH_AFTER_START_MS (default 1000) after its start-up, sooner than the default ROLL_SOAK_MS (2000).
// Alone: the crash must come within the soak, a matter of timers.
test('a new worker that crashes during its soak aborts the roll: no old worker is retired, the pool serves on', async ({
  expect,
  onTestFinished,
  startServer,
}) => {
  const fault = startupFault(onTestFinished);
  const server = await startServer('lesson-8', { WORKERS: '2', CRASH_AFTER_START_FILE: fault.file });
  await expectBadReleaseAborted(expect, server, 'a release that crashes 1 s after its start-up (CRASH_AFTER_START_FILE)', fault.on);
});

// What a real deploy does: the code on disk changes, then SIGHUP. The lesson's folder is copied inside the
// repository (so that '#app' resolves), and its worker.ts, which every new worker loads, gets a bug that
// crashes a cluster worker (the primary loads the file too) a second after it loads. Alone, as above.
const BAD_RELEASE = `
import badReleaseCluster from 'node:cluster';
if (badReleaseCluster.isWorker) setTimeout(() => { throw new Error('a bad release: this worker crashes 1 s after it loads'); }, 1_000);
`;

test('a release edited on disk that crashes soon after it listens: the roll aborts the same way', async ({ expect, onTestFinished }) => {
  const lessonDir = path.dirname(lessonEntry('lesson-8'));
  const copyDir = mkdtempSync(path.join(stateDir, 'release-'));
  cpSync(lessonDir, copyDir, { recursive: true });
  const workerFile = path.join(copyDir, 'worker.ts');
  expect(existsSync(workerFile), `${lessonDir} has no worker.ts, the module every worker of this lesson loads`).toBe(true);
  const tree = spawnServerTree(path.join(copyDir, 'server.ts'), 'lesson-8 (a copy to deploy to)', { WORKERS: '2' });
  onTestFinished(async () => {
    await tree.stop();
    rmSync(copyDir, { recursive: true, force: true });
  });
  const server = await whenReady(tree);
  await expectBadReleaseAborted(expect, server, 'a release whose worker.ts, edited on disk, crashes 1 s after it loads', () =>
    appendFileSync(workerFile, BAD_RELEASE),
  );
});

test.concurrent('after a roll the new workers are supervised: one killed is replaced', async ({ startServer }) => {
  const server = await startServer('lesson-8', { WORKERS: '2' });
  const rolled = await rollingRestart(server, 2);
  const victim = rolled[0]!;
  process.kill(victim, 'SIGKILL');
  const bound = server.startUpBound(2);
  await server.waitFor(
    sentence`worker ${victim}, started by a rolling restart, was killed, and ${bound.shown} later its slot was still empty:
      a worker that takes a slot in a roll is that slot's worker from then on, its exit watched as any other's`,
    async () => {
      const pids = await server.workers();
      return pids.length === 2 && !pids.includes(victim) ? true : undefined;
    },
    bound.ms,
  );
});

test.concurrent(
  'a bad ROLL_SOAK_MS (abc, 0, -5, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    await expectBadValuesRefused({ expect, spawnServer }, 'lesson-8', 'ROLL_SOAK_MS', ['abc', '0', '-5', '1.5', ''], { env: { WORKERS: '1' } });
  },
);

test.concurrent(
  'a bad READY_TIMEOUT_MS (abc, 0, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    await expectBadValuesRefused({ expect, spawnServer }, 'lesson-8', 'READY_TIMEOUT_MS', ['abc', '0', '1.5', ''], { env: { WORKERS: '1' } });
  },
);
