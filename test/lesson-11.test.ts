import { setTimeout as delay } from 'node:timers/promises';
import { describe } from 'vitest';
import { get, startGet } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { pollUntil } from '../lib/poll.ts';
import { isAlive, listeningPorts } from '../lib/process-tree.ts';
import { reusePortMissing } from '../lib/reuse-port.ts';
import { connectionTo, HANG_SETTINGS, hangAndRecover } from './harness/hang.ts';
import { exitWithin, test, type LessonContext, type LessonServer } from './harness/lesson-server.ts';
import { expectCounted, sendRequests, settledStats } from './harness/stats.ts';
import { recordWorkerTimeline } from './harness/worker-timeline.ts';

const LAUNCHER = 'lesson-11/launcher.ts';
// The kernel picks a socket by hashing each connection's addresses and ports:
// with few connections the spread is uneven, so allow many before calling a process deaf.
const MAX_ATTEMPTS = 300;

const skipReason = reusePortMissing();

const portOf = (server: LessonServer) => Number(new URL(server.url).port);

// Fresh connections until every one of `pids` has answered, or MAX_ATTEMPTS; returns who answered.
async function answering(server: LessonServer, pids: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (let i = 0; i < MAX_ATTEMPTS && !pids.every((pid) => counts.has(pid)); i++) {
    const pid = (await server.get('/')).body.pid as number;
    counts.set(pid, (counts.get(pid) ?? 0) + 1);
  }
  return counts;
}

const show = (counts: Map<number, number>) => [...counts].map(([pid, n]) => `pid ${pid}: ${n}`).join(', ');

// Each process holds a listening socket of its own on the announced port, and the launcher none.
function expectOwnSockets(expect: LessonContext['expect'], server: LessonServer, processes: number[]): void {
  const port = portOf(server);
  const launcherPorts = listeningPorts(server.pid);
  expect(
    launcherPorts,
    server.explain(sentence`the launcher (pid ${server.pid}) holds listening socket(s) on port(s) ${launcherPorts?.join(', ')}:
      it must only start and watch processes. If it listens on the port too, it takes connections itself
      (with reusePort it joins the group) or hands them out as cluster's primary does`),
  ).toEqual([]);
  for (const pid of processes) {
    const ports = listeningPorts(pid);
    expect(
      ports,
      server.explain(sentence`process ${pid} listens on port(s) [${ports?.join(', ')}], not on [${port}], the port the ready line announced:
        every process needs a listening socket of its own on that one port (server.listen({ port, host, reusePort: true }),
        with the port the launcher chose)`),
    ).toEqual([port]);
  }
}

describe.skipIf(skipReason !== undefined)(skipReason ?? 'lesson 11: independent processes on one port with reusePort', () => {
  test.concurrent(
    'WORKERS=3: three child processes each listen on the announced port and answer fresh connections; the launcher holds no socket and answers nothing',
    async ({ expect, startServer }) => {
      const server = await startServer(LAUNCHER, { WORKERS: '3' });
      const processes = await server.workers();
      expect(
        processes.length,
        server.explain(sentence`with WORKERS=3 the launcher has ${processes.length} child process(es) running its entry:
        it should start 3 (child_process.fork of its own file, not cluster.fork)`),
      ).toBe(3);
      expectOwnSockets(expect, server, processes);

      const counts = await answering(server, processes);
      const strangers = [...counts.keys()].filter((pid) => !processes.includes(pid));
      expect(
        strangers,
        server.explain(sentence`fresh connections were answered by pid(s) ${strangers.join(', ')}, which are not the launcher's processes
        ${processes.join(', ')}${strangers.includes(server.pid) ? ': the launcher answered requests itself' : ''} (${show(counts)})`),
      ).toEqual([]);
      const deaf = processes.filter((pid) => !counts.has(pid));
      expect(
        deaf,
        server.explain(sentence`after ${[...counts.values()].reduce((a, b) => a + b, 0)} fresh connections, process(es) ${deaf.join(', ')}
        had answered none (${show(counts)}): are they all listening on the same port with reusePort?`),
      ).toEqual([]);
    },
  );

  test.concurrent(
    'a process killed with SIGKILL is replaced: a new PID, listening on the same port, and the pool is WORKERS again',
    async ({ expect, startServer }) => {
      const server = await startServer(LAUNCHER, { WORKERS: '2' });
      const before = await server.workers();
      const victim = before[0]!;
      process.kill(victim, 'SIGKILL');

      const forked = server.startUpBound(1);
      const replacement = await server.waitFor(
        sentence`process ${victim} was killed, and ${forked.shown} later the launcher had no new process in its place (${before.join(', ')} before):
        watch each child's 'exit' and start a new one, as the supervisor does for cluster workers`,
        async () => {
          const now = await server.workers();
          const fresh = now.filter((pid) => !before.includes(pid));
          return !now.includes(victim) && now.length === 2 && fresh.length === 1 ? fresh[0] : undefined;
        },
        forked.ms,
      );
      // Started is not listening yet: wait for its socket, then for an answer.
      await server.waitFor(`replacement ${replacement} holds no listening socket on port ${portOf(server)} after 10 s`, async () =>
        listeningPorts(replacement)?.includes(portOf(server)) ? true : undefined,
      );
      expectOwnSockets(expect, server, await server.workers());
      const counts = await answering(server, [replacement]);
      expect(counts.has(replacement), server.explain(`replacement ${replacement} answered none of ${MAX_ATTEMPTS} fresh connections (${show(counts)})`)).toBe(
        true,
      );
    },
  );

  test.concurrent(
    'SIGTERM to the launcher: the /slow?ms=1500 in flight completes, nothing is re-forked, the launcher exits 0',
    async ({ expect, startServer }) => {
      const server = await startServer(LAUNCHER, { WORKERS: '2' });
      const slow = startGet(server.url, '/slow?ms=1500');
      await slow.sent;
      await delay(200); // let a process pick the request up: the signal must find it busy
      const timeline = recordWorkerTimeline(server);
      const before = await server.workers();
      const signalledAt = performance.now();
      server.signal('SIGTERM');
      const reply = await slow.reply.catch((error: Error) => error);
      const exit = await server.exited;
      const exitedAfterMs = performance.now() - signalledAt;
      await timeline.stop();
      const newcomers = timeline
        .lifetimes()
        .filter((each) => !before.includes(each.pid))
        .map((each) => each.pid);

      const outcome = reply instanceof Error ? `failed (${reply.message})` : `answered ${reply.status}`;
      expect(
        reply instanceof Error ? 0 : reply.status,
        server.explain(sentence`after SIGTERM to the launcher, the /slow?ms=1500 already in flight ${outcome}:
        stop() must ask each process to drain (SIGTERM), not kill it`),
      ).toBe(200);
      expect(
        newcomers,
        server.explain(sentence`during the shutdown the launcher started new process(es):
        the supervisor must know that a child leaving after stop() is not a crash`),
      ).toEqual([]);
      expect(
        exit.exitCode,
        server.explain(sentence`after SIGTERM the launcher exited with ${exit.signal ?? `code ${exit.exitCode}`}: once every process has left,
        exit 0. Does each drained child exit (close its IPC channel once its server has closed)?`),
      ).toBe(0);
      expect(
        exitedAfterMs,
        server.explain(`the launcher took ${exitedAfterMs.toFixed(0)} ms to exit after SIGTERM with only a 1.5 s request in flight`),
      ).toBeLessThan(1_500 + 3_000);
      expect(await server.group(), server.explain('the launcher exited, but processes of its group are still running')).toEqual([]);
    },
  );

  test.concurrent("GET /stats from any process has the whole pool's count (lesson 9's ledger, kept by the launcher)", async ({ expect, startServer }) => {
    const server = await startServer(LAUNCHER, { WORKERS: '2' });
    const since = await settledStats(expect, server);
    // Fresh connections, hashed over both processes' sockets: each /stats and each request lands on either.
    await expectCounted(expect, server, since, await sendRequests(server, 30), "30 requests to the launcher's processes");
  });

  test.concurrent(
    'a process stuck in an endless loop (GET /hang) is killed at HANG_TIMEOUT_MS and replaced (lesson 10), as in the cluster',
    async ({ expect, onTestFinished, startServer }) => {
      const t = { expect, onTestFinished };
      const { WORKERS, HEARTBEAT_MS, HANG_TIMEOUT_MS } = HANG_SETTINGS;
      const server = await startServer(LAUNCHER, { WORKERS: String(WORKERS), HEARTBEAT_MS: String(HEARTBEAT_MS), HANG_TIMEOUT_MS: String(HANG_TIMEOUT_MS) });
      const victim = (await server.workers())[0]!;
      // No traffic while it hangs: with reusePort the kernel keeps queueing a share of the new connections on its socket.
      await hangAndRecover(t, server, await connectionTo(t, server, victim), victim, 'a launcher process');
    },
  );

  test.concurrent('SIGKILL to the launcher: its processes notice, stop serving and leave (no orphan keeps the port)', async ({ expect, startServer }) => {
    const server = await startServer(LAUNCHER, { WORKERS: '2' });
    const processes = await server.workers();
    server.signal('SIGKILL');
    // Not server.exited (it also waits for the output pipes, which orphans keep
    // open), nor server.waitFor (it gives up once the launcher has exited, the point here).
    const gone = (pids: number[]) => () => (pids.some(isAlive) ? undefined : []);
    await pollUntil(gone([server.pid]), {
      timeoutMs: 5_000,
      onTimeout: () => new Error(server.explain(`the launcher ${server.pid} was still alive 5 s after SIGKILL`)),
    });
    const orphans = await pollUntil(gone(processes), { timeoutMs: 5_000, onTimeout: () => new Error() }).catch(() => processes.filter(isAlive));
    expect(
      orphans,
      server.explain(sentence`the launcher was killed, and 5 s later its process(es) ${orphans.join(', ')} still ran: nobody will ever stop them,
        and with reusePort they keep answering on the port (a new launcher would share it with them).
        A child should leave when its IPC channel closes (process.on('disconnect'))`),
    ).toEqual([]);
    const answer = await get(server.url, '/', 2_000).catch((error: Error) => error);
    expect(
      answer instanceof Error,
      server.explain(sentence`the launcher and its processes are gone, yet ${server.url} still answered:
        ${JSON.stringify((answer as { body?: unknown }).body)}`),
    ).toBe(true);
  });
});

// The launcher's shutdown when a process is busy: a /slow blocks its event loop, so its SIGTERM handler (the drain) cannot run
// until the block ends, and only SIGKILL ends it sooner. Alone: each verdict is a time against that block's end.
describe.skipIf(skipReason !== undefined)(skipReason ?? "lesson 11: the launcher's shutdown deadline and second signal", () => {
  // How long after the moment the launcher should have exited the verdict waits (a killed process's exit, the launcher's).
  const MARGIN_MS = 2_500;
  const SECOND_SIGNAL_AFTER_MS = 300;

  // Sends the launcher `signals` (the second `spacingMs` after the first) once a /slow?ms=`slowMs` has a process busy,
  // and waits for its exit no longer than `withinMs` after the first.
  async function signalWhileBusy(server: LessonServer, signals: number, slowMs: number, withinMs: number) {
    const slow = startGet(server.url, `/slow?ms=${slowMs}`);
    void slow.reply.catch(() => {}); // cut on purpose
    await slow.sent;
    await delay(200); // let a process pick the request up: the signal must find it busy
    const signalledAt = performance.now();
    server.signal('SIGTERM');
    // Two signals sent at once may reach the launcher as one; space them out.
    if (signals === 2) setTimeout(() => server.signal('SIGTERM'), SECOND_SIGNAL_AFTER_MS);
    return exitWithin(server, signalledAt, withinMs);
  }

  test('at SHUTDOWN_TIMEOUT_MS, a process still busy is killed with SIGKILL and the launcher exits 1, nothing left', async ({ expect, startServer }) => {
    const deadlineMs = 1_000;
    const server = await startServer(LAUNCHER, { WORKERS: '2', SHUTDOWN_TIMEOUT_MS: String(deadlineMs) });
    const { exit, exitedAfterMs, took } = await signalWhileBusy(server, 1, 10_000, deadlineMs + MARGIN_MS);
    expect(
      exitedAfterMs,
      server.explain(sentence`with SHUTDOWN_TIMEOUT_MS=${deadlineMs} and a process blocked by a 10 s /slow, the launcher took ${took}
        to exit after SIGTERM: at the deadline, kill what is left with SIGKILL (WorkerHandle.kill: child.kill('SIGKILL')).
        A SIGTERM waits for the blocked loop, as the drain does, and the launcher with it`),
    ).toBeLessThan(deadlineMs + MARGIN_MS);
    expect(
      exit.exitCode ?? 0, // a signal, or no exit yet, is no exit code: the message says which
      server.explain(sentence`the launcher had to kill a process at the deadline, yet exited with ${exit.signal ?? `code ${exit.exitCode}`}:
        say so with a non-zero code (1)`),
    ).toBeGreaterThan(0);
    expect(await server.group(), server.explain('the launcher exited, but processes of its group are still running')).toEqual([]);
  });

  test('a second SIGTERM during a long drain kills every process at once; the launcher exits non-zero, nothing left', async ({ expect, startServer }) => {
    const server = await startServer(LAUNCHER, { WORKERS: '2' }); // the default deadline, 10 s: only the second signal ends it sooner
    const withinMs = SECOND_SIGNAL_AFTER_MS + MARGIN_MS;
    const { exit, exitedAfterMs, took } = await signalWhileBusy(server, 2, 8_000, withinMs);
    expect(
      exitedAfterMs,
      server.explain(sentence`a second SIGTERM came ${SECOND_SIGNAL_AFTER_MS} ms into the drain of an 8 s /slow, and the launcher exited only
        ${took} after the first: a second signal means "stop now": SIGKILL every process (killAll()) and exit`),
    ).toBeLessThan(withinMs);
    expect(exit.exitCode ?? 0, server.explain(`the launcher was forced to stop, yet exited with ${exit.signal ?? `code ${exit.exitCode}`}`)).toBeGreaterThan(0);
    const left = await server.group();
    expect(
      left,
      server.explain(sentence`the launcher exited on the second signal, but process(es) ${left.join(', ')} of its group still ran:
        kill them (SIGKILL) before exiting; a SIGTERM, or the closed IPC channel, reaches a blocked process only when its block ends`),
    ).toEqual([]);
  });
});
