// The lab's view of one lesson server, started as the tests start it (lib/server-tree.ts):
// its process tree sampled from the OS, each worker's state as far as it can be seen
// from outside, the bounded load and its answers, the lesson's actions, and a log
// of what happened. npm run lab serves this as JSON to the page (cli/lab.ts).
import path from 'node:path';
import { percentile } from '../../bench/percentile.ts';
import { get, startGet } from '../../lib/http.ts';
import type { LabFeature, Lesson } from '../../lib/lessons.ts';
import { type Connections, startLoad } from '../../lib/load.ts';
import { isAlive, threadCount } from '../../lib/process-tree.ts';
import { spawnServerTree, whenReady, type ServerExit, type ServerTree } from '../../lib/server-tree.ts';
import { startupFault } from '../../lib/startup-fault.ts';
import { repoRoot } from '../../lib/workspace.ts';

const SAMPLE_EVERY_MS = 25; // the tree: a fork or an exit is placed in time to this
const CONFIRM_MS = 100;
const PROBE_EVERY_MS = 500; // fresh connections that find each worker listening, and its /metrics
const PROBE_TIMEOUT_MS = 1_500;
const ANSWERED_LATELY_MS = 2_000; // a worker that answered nothing for this long, while alive, is silent
const SIGNALLED_LATELY_MS = 15_000; // ... and draining, if a roll or a shutdown was asked for that recently
const GONE_SHOWN_MS = 5_000; // how long a gone worker stays in the picture
const CAUSE_WAIT_MS = 1_500; // how long an exit waits for the server's line that says why
const LOAD_CLIENTS = 4;
const LOAD_MAX_MS = 30_000;
const LOG_LENGTH = 200;

type ProcessState = 'starting' | 'listening' | 'silent' | 'draining' | 'gone';
type Worker = { pid: number; firstSeen: number; confirmed: boolean; goneAt?: number; lastAnswer?: number; metrics?: unknown };
type LabEvent = { id: number; atMs: number; kind: string; text: string };
type Answer = { pid: number; ms: number; at: number };
type Load = { connections: Connections; startedAt: number; stop: () => Promise<unknown>; failures: Map<string, number>; sent: () => number };

type LabSessionOptions = { lesson: Lesson; entry: string; parent: string; features: Set<LabFeature>; env: Record<string, string> };

// Why: the lab page, its tests and its screenshots all read the one state this keeps.
// `parent` is what the page calls the process the lab starts: a cluster's primary, lesson 11's launcher, or lessons 1-2's server.
export function createLabSession({ lesson, entry, parent, features, env }: LabSessionOptions) {
  const openedAt = performance.now();
  const now = () => performance.now() - openedAt;
  const events: LabEvent[] = [];
  let lastEventId = 0;
  const log = (kind: string, text: string) => {
    events.push({ id: ++lastEventId, atMs: Math.round(now()), kind, text });
    if (events.length > LOG_LENGTH) events.splice(0, events.length - LOG_LENGTH);
  };
  const cleanUps: (() => void)[] = [];
  const fault = features.has('fault') ? startupFault((cleanUp) => cleanUps.push(cleanUp)) : undefined;
  let faultOn = false;

  let tree: ServerTree;
  let status: 'starting' | 'ready' | 'failed' | 'exited' = 'starting';
  let url: string | undefined;
  let failure: string | undefined;
  let primaryExit: ServerExit | undefined;
  let workers = new Map<number, Worker>();
  let exitTimes: number[] = [];
  let signalledAt = -Infinity;
  let pendingExits: Worker[] = [];
  let roll: { before: Set<number>; at: number } | undefined;
  let stats: unknown;
  let load: Load | undefined;
  let answers: Answer[] = [];
  let stopping = false;
  let shuttingDown = false; // SIGTERM sent: the primary and its workers drain
  let singleMetrics: unknown; // lessons 1 and 2: the one process is the server
  let singleAnswer: number | undefined;

  function start(): void {
    status = 'starting';
    url = failure = primaryExit = roll = stats = singleMetrics = singleAnswer = undefined;
    workers = new Map();
    exitTimes = [];
    const settings = { ...env, ...(fault ? { FAIL_START_FILE: fault.file } : {}) };
    const current = spawnServerTree(entry, `${lesson.name}'s server`, settings);
    tree = current;
    log('server', `started ${shortPath(entry)} (PID ${current.pid}) with ${describeEnv(settings)}`);
    whenReady(current).then(
      (server) => {
        if (tree !== current) return;
        status = 'ready';
        url = server.url;
        log('server', `ready at ${server.url} after ${Math.round(server.startMs)} ms`);
      },
      (error: Error) => {
        if (tree !== current || stopping) return;
        status = 'failed';
        failure = error.message;
        log('server', 'the server did not start: see its output');
        console.error(`\nThe lab could not start ${lesson.name}'s server:\n${error.message}`);
      },
    );
    void current.exited.then((exit) => {
      if (tree !== current || stopping) return;
      primaryExit = exit;
      if (status !== 'failed') status = 'exited';
      log('exit', `primary ${current.pid} exited, ${exit.signal ?? `code ${exit.exitCode}`}`);
      void stopLoadRun('as the server exited');
    });
  }

  // The tree as the OS has it: forks, exits (with the server's own words for why) and rolls. A child
  // counts once it has run the entry for CONFIRM_MS, or died doing so: a helper the primary spawns
  // (tsx's esbuild) shows the primary's command line for the moment before its exec.
  async function sample(): Promise<void> {
    const at = now();
    const alive = new Set(await tree.workers());
    for (const worker of workers.values()) {
      if (worker.goneAt === undefined && !alive.has(worker.pid)) {
        if (isAlive(worker.pid) && !worker.confirmed) workers.delete(worker.pid);
        else if (!isAlive(worker.pid)) {
          worker.goneAt = at;
          exitTimes.push(at);
          pendingExits.push(worker);
        }
      }
      if (worker.goneAt !== undefined && at - worker.goneAt > GONE_SHOWN_MS) workers.delete(worker.pid);
    }
    for (const pid of alive) if (!workers.has(pid)) workers.set(pid, { pid, firstSeen: at, confirmed: false });
    for (const worker of workers.values()) {
      if (worker.confirmed || (at - worker.firstSeen < CONFIRM_MS && worker.goneAt === undefined)) continue;
      worker.confirmed = true;
      const lastExit = exitTimes.filter((time) => time <= worker.firstSeen).at(-1);
      log('fork', `worker ${worker.pid} forked${lastExit === undefined ? '' : `, ${Math.round(worker.firstSeen - lastExit)} ms after the last exit`}`);
    }
    pendingExits = pendingExits.filter((worker) => {
      const cause = exitCause(tree.output(), worker.pid);
      if (!cause && at - worker.goneAt! < CAUSE_WAIT_MS) return true;
      log('exit', `worker ${worker.pid} exited${cause ? ` (${cause}, as the server logged)` : " (the server's output does not say how)"}`);
      return false;
    });
    const live = [...workers.values()].filter((worker) => worker.confirmed && worker.goneAt === undefined);
    if (roll && live.every((worker) => !roll!.before.has(worker.pid)) && live.length >= roll.before.size) {
      log('roll', `every worker replaced: ${roll.before.size} old PIDs gone, ${live.length} new ones, in ${Math.round(at - roll.at)} ms`);
      roll = undefined;
    }
  }

  // Fresh connections, one more than there are workers, so that the round-robin reaches each:
  // who answers is listening, and /metrics says how its event loop does.
  async function probe(): Promise<void> {
    if (status !== 'ready' || !url) return;
    const route = features.has('metrics') ? '/metrics' : '/';
    const count = liveWorkers().length + 1;
    const replies = await Promise.allSettled(Array.from({ length: count }, () => get(url!, route, PROBE_TIMEOUT_MS)));
    for (const reply of replies) {
      if (reply.status !== 'fulfilled' || reply.value.status !== 200) continue;
      const { pid } = reply.value.body;
      heard(pid);
      const worker = workers.get(pid);
      if (worker && features.has('metrics')) worker.metrics = reply.value.body;
      if (pid === tree.pid && features.has('metrics')) singleMetrics = reply.value.body;
    }
    if (features.has('stats')) {
      const reply = await get(url, '/stats', PROBE_TIMEOUT_MS).catch(() => undefined);
      if (reply?.status === 200) stats = reply.body;
    }
  }
  const heard = (pid: number) => {
    const worker = workers.get(pid);
    if (worker) worker.lastAnswer = now();
    else if (pid === tree.pid) singleAnswer = now();
  };

  const stateOf = (worker: Worker): ProcessState => {
    if (worker.goneAt !== undefined) return 'gone';
    if (worker.lastAnswer === undefined) return 'starting';
    if (now() - worker.lastAnswer < ANSWERED_LATELY_MS) return 'listening';
    return now() - signalledAt < SIGNALLED_LATELY_MS ? 'draining' : 'silent';
  };
  const primaryState = (): ProcessState => {
    if (primaryExit) return 'gone';
    if (now() - signalledAt < SIGNALLED_LATELY_MS && shuttingDown) return 'draining';
    if (status !== 'ready') return 'starting';
    const single = workers.size === 0 && singleAnswer !== undefined && now() - singleAnswer > ANSWERED_LATELY_MS;
    return single ? 'silent' : 'listening';
  };

  function startLoadRun(connections: Connections): string {
    if (status !== 'ready' || !url) return 'the server is not ready';
    if (load) return 'the load is already running';
    const onAnswer = (pid: number, ms: number) => {
      answers.push({ pid, ms, at: now() });
      heard(pid);
    };
    const run = startLoad(url, { clients: LOAD_CLIENTS, connections, onAnswer });
    const timer = setTimeout(() => void stopLoadRun(`after ${LOAD_MAX_MS / 1000} s, its limit`), LOAD_MAX_MS);
    load = {
      connections,
      startedAt: now(),
      failures: run.report.failures,
      sent: () => run.report.sent,
      stop: async () => {
        clearTimeout(timer);
        return run.stop();
      },
    };
    log(
      'load',
      `load on: ${LOAD_CLIENTS} clients, each sending GET / on ${connections === 'fresh' ? 'a fresh connection each time' : 'its own keep-alive connection'}`,
    );
    return '';
  }
  async function stopLoadRun(why: string): Promise<void> {
    const run = load;
    if (!run) return;
    load = undefined;
    const report = (await run.stop()) as { sent: number; answered: number };
    log('load', `load off ${why}: ${report.answered} of ${report.sent} answered, ${report.sent - report.answered} failed${failuresText(run.failures)}`);
  }

  // A request of the lesson's, sent on a fresh connection; the log gets its answer, or how it failed.
  function send(route: string): string {
    if (!url) return 'the server is not ready';
    const pending = startGet(url, route, 60_000);
    log('action', `sent GET ${route}`);
    pending.reply.then(
      ({ status: code, body, ms }) => {
        if (body?.pid) heard(body.pid);
        log('action', `GET ${route}: ${code} from ${body?.pid ? `PID ${body.pid}` : 'the server'} after ${Math.round(ms)} ms`);
      },
      (error: Error & { code?: string }) =>
        log('action', `GET ${route} failed after ${Math.round(performance.now() - pending.startedAt)} ms: ${error.code ?? error.message}`),
    );
    return '';
  }

  const liveWorkers = () => [...workers.values()].filter((worker) => worker.confirmed && worker.goneAt === undefined).sort((a, b) => a.firstSeen - b.firstSeen);
  const signalled = (signal: NodeJS.Signals, why: string) => {
    signalledAt = now();
    tree.signal(signal);
    log('action', `you sent ${signal} to the primary ${tree.pid} (${why})`);
  };

  // Each action by its name, as the page's buttons post it; '' when done, else why not.
  const actions: Record<string, (ms: number) => string> = {
    slow: (ms) => send(`/slow?ms=${ms}`),
    work: (ms) => send(`/work?ms=${ms}`),
    crash: () => send('/crash'),
    retire: () => send('/retire'),
    hang: () => send('/hang'),
    kill: () => {
      const oldest = liveWorkers()[0];
      if (!oldest) return 'no worker to kill';
      process.kill(oldest.pid, 'SIGKILL');
      log('action', `you sent SIGKILL to worker ${oldest.pid}`);
      return '';
    },
    fault: () => {
      faultOn = !faultOn;
      if (faultOn) fault!.on();
      else fault!.off();
      log('action', `start-up fault ${faultOn ? 'on: every worker that starts now fails (FAIL_START_FILE exists)' : 'off: workers start again'}`);
      return '';
    },
    roll: () => {
      roll = { before: new Set(liveWorkers().map((worker) => worker.pid)), at: now() };
      signalled('SIGHUP', 'a rolling restart');
      return '';
    },
    shutdown: () => {
      shuttingDown = true;
      signalled('SIGTERM', 'a graceful shutdown');
      return '';
    },
  };

  async function restart(): Promise<void> {
    await stopLoadRun('for the restart');
    stopping = true;
    await tree.stop();
    stopping = shuttingDown = false;
    log('server', 'stopped the server, starting it again');
    start();
  }

  const ticks: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => Promise<void>) => {
    let busy = false;
    ticks.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        task()
          .catch((error: Error) => log('lab', `the lab could not read the server: ${error.message}`))
          .finally(() => (busy = false));
      }, ms),
    );
  };

  start();
  every(SAMPLE_EVERY_MS, sample);
  every(PROBE_EVERY_MS, probe);

  return {
    act(name: string, ms: number): string {
      if (!features.has(name as LabFeature) || !actions[name]) return `${lesson.name} has no "${name}" in the lab`;
      if (status !== 'ready' && name !== 'fault') return 'the server is not running';
      return actions[name](ms);
    },
    startLoad: startLoadRun,
    stopLoad: () => stopLoadRun('(you stopped it)'),
    restart,
    state() {
      const at = now();
      answers = answers.filter((answer) => at - answer.at < ANSWERED_LATELY_MS);
      const lastSecond = answers.filter((answer) => at - answer.at < 1_000);
      const perSecond = (pid: number) => lastSecond.filter((answer) => answer.pid === pid).length;
      const workerView = (worker: Worker) => ({
        pid: worker.pid,
        role: 'worker',
        state: stateOf(worker),
        answersPerSecond: perSecond(worker.pid),
        eventLoopDelayMs: (worker.metrics as { eventLoopDelayMs?: unknown } | undefined)?.eventLoopDelayMs,
        served: (stats as { workers?: { pid: number; served: number }[] } | undefined)?.workers?.find((one) => one.pid === worker.pid)?.served,
        threads: features.has('threads') && worker.goneAt === undefined ? threadCount(worker.pid) : undefined,
      });
      const primary = {
        pid: tree.pid,
        role: parent,
        state: primaryState(),
        answersPerSecond: perSecond(tree.pid),
        eventLoopDelayMs: (singleMetrics as { eventLoopDelayMs?: unknown } | undefined)?.eventLoopDelayMs,
      };
      return {
        lesson: { name: lesson.name, number: lesson.number, title: lesson.title },
        server: { status, url, entry: shortPath(entry), failure, exit: primaryExit, output: lastLines(tree.output()) },
        processes: [
          primary,
          ...[...workers.values()]
            .filter((worker) => worker.confirmed)
            .sort((a, b) => a.firstSeen - b.firstSeen)
            .map(workerView),
        ],
        load: {
          running: load !== undefined,
          connections: load?.connections,
          clients: LOAD_CLIENTS,
          secondsLeft: load ? Math.max(0, Math.round((LOAD_MAX_MS - (at - load.startedAt)) / 1000)) : undefined,
          answersPerSecond: lastSecond.length,
          sent: load?.sent() ?? 0,
          failed: Object.fromEntries(load?.failures ?? []),
          latencyMs: {
            p50: percentile(
              lastSecond.map((answer) => answer.ms),
              50,
            ),
            p99: percentile(
              lastSecond.map((answer) => answer.ms),
              99,
            ),
          },
        },
        faultOn,
        stats,
        events,
      };
    },
    // Ctrl+C: the load ends, then the server's whole group, confirmed gone (lib/server-tree.ts).
    async stop(): Promise<void> {
      stopping = true;
      for (const tick of ticks) clearInterval(tick);
      await stopLoadRun('as the lab stops');
      await tree.stop();
      for (const cleanUp of cleanUps) cleanUp();
    },
  };
}

// The server's words for a worker's death: its PID, then a signal or an exit code, with no other number between.
function exitCause(output: string, pid: number): string | undefined {
  const said = new RegExp(`\\b${pid}\\b\\D*?\\b(SIG[A-Z0-9]+|code \\d+)`).exec(output);
  return said?.[1];
}

const failuresText = (failures: Map<string, number>) => (failures.size === 0 ? '' : ` (${[...failures].map(([code, n]) => `${n} × ${code}`).join(', ')})`);
const shortPath = (file: string) => path.relative(repoRoot, file);
const describeEnv = (env: Record<string, string>) =>
  ['PORT=0', 'HOST=127.0.0.1', ...Object.entries(env).map(([name, value]) => `${name}=${value}`)].filter((one) => !one.startsWith('FAIL_START_FILE')).join(' ');
const lastLines = (output: string) => output.trimEnd().split('\n').slice(-40).join('\n');
