// Plausible wrong answers, each made from a solution by a small edit: most are
// a lesson's own "What can go wrong" items. The full check proves that each
// lesson's tests catch every one of them, as rustlings and learnyounode prove
// their checkers with invalid solutions.
export type KnownWrong = {
  lesson: string;
  name: string;
  // Per file of the lesson's solution: text to find (it must be there) and what replaces it.
  edits: Record<string, [before: string, after: string][]>;
};

const READY_LINE = 'console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${address.port}`);';
const WORKER_LISTENS = 'createApp().listen(port, host);';

const EMPTY_POOL_EXIT =
  '    if (slots.some((slot) => slot.worker || slot.restart)) return;\n    console.error(`primary ${process.pid}: every worker has left on purpose and none is coming back; exiting 1`);\n    process.exit(1);\n';
const STALE_CHECK = 'if (now - beatAt <= hangTimeoutMs) continue;';
const RUN_ON_POOL = 'pool.run({ ms, fail }, { signal: abandoned.signal })';
const REJECTION_HANDLER = `,
      (error: Error) => abandoned.signal.aborted || sendJson(res, 500, { error: error.message }),
    );`;
const QUEUE_CHECK =
  '    if (pool.queueSize >= queue) return sendJson(res, 503, { error: `every thread is busy and ${queue} task(s) already wait; try again later` });\n';

export const knownWrong: KnownWrong[] = [
  {
    lesson: 'lesson-1',
    name: '/slow waits with setTimeout instead of blocking',
    edits: {
      'server.ts': [
        [
          'blockFor(ms);\n      return sendJson(res, 200, { pid: process.pid, ms });',
          'return void setTimeout(() => sendJson(res, 200, { pid: process.pid, ms }), ms);',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-1',
    name: '/slow trusts ms without checking it',
    edits: { 'server.ts': [["const ms = parseMs(url.searchParams.get('ms'));", "const ms = Number(url.searchParams.get('ms'));"]] },
  },
  {
    lesson: 'lesson-1',
    name: 'ms is read with parseInt, which accepts 12abc and 1.5',
    edits: { 'server.ts': [['const ms = Number(value);', "const ms = parseInt(value ?? '', 10);"]] },
  },
  {
    lesson: 'lesson-1',
    name: '/slow blocks before it validates ms',
    edits: {
      'server.ts': [
        [
          "const ms = parseMs(url.searchParams.get('ms'));",
          "blockFor(Number(url.searchParams.get('ms')) || 0);\n      const ms = parseMs(url.searchParams.get('ms'));",
        ],
      ],
    },
  },
  {
    lesson: 'lesson-2',
    name: '/metrics reports nanoseconds',
    edits: { 'server.ts': [['Math.round(ns / 1e4) / 100', 'ns']] },
  },
  {
    lesson: 'lesson-2',
    name: '/metrics resets the histogram on every read',
    edits: { 'server.ts': [['const nsToMs = (ns: number) =>', 'queueMicrotask(() => loopDelay.reset());\n  const nsToMs = (ns: number) =>']] },
  },
  {
    lesson: 'lesson-3',
    name: 'the pool size ignores WORKERS',
    edits: { 'server.ts': [['Number(process.env.WORKERS ?? os.availableParallelism())', 'os.availableParallelism()']] },
  },
  {
    lesson: 'lesson-3',
    name: 'every worker prints its own ready line, the primary none',
    edits: {
      'server.ts': [
        [READY_LINE, ''],
        [
          WORKER_LISTENS,
          'const server = createApp().listen(port, host, () => console.log(`pid ${process.pid} listening on http://${host}:${(server.address() as { port: number }).port}`));',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-3',
    name: 'the ready line announces the PORT variable (0), not the real port',
    edits: { 'server.ts': [[READY_LINE, 'console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${port}`);']] },
  },
  {
    lesson: 'lesson-3',
    name: "the primary counts 'online' instead of 'listening'",
    edits: {
      'server.ts': [
        ["cluster.on('listening', (_worker, address) => {", "cluster.on('online', () => {"],
        [READY_LINE, 'console.log(`primary ${process.pid}: ${workers} workers listening on http://${host}:${port}`);'],
      ],
    },
  },
  {
    lesson: 'lesson-3',
    name: 'the primary runs a server too',
    edits: {
      'server.ts': [
        [
          `} else {\n  // Every worker listens on the same port; the primary hands each new connection to one of them.\n  ${WORKER_LISTENS}\n}`,
          `}\n${WORKER_LISTENS}`,
        ],
      ],
    },
  },
  {
    lesson: 'lesson-4',
    name: 'a bad WORKERS silently falls back to the default',
    edits: { 'server.ts': [['const workers = workerCount();', 'const workers = Number(process.env.WORKERS) || os.availableParallelism();']] },
  },
  {
    lesson: 'lesson-4',
    name: 'WORKERS is read with parseInt, which accepts 3abc and 2.5',
    edits: { 'server.ts': [['const workers = Number(value);', 'const workers = parseInt(value, 10);']] },
  },
  {
    lesson: 'lesson-4',
    name: 'a bad WORKERS is reported on stdout',
    edits: { 'server.ts': [['console.error(`WORKERS must', 'console.log(`WORKERS must']] },
  },
  {
    lesson: 'lesson-4',
    name: 'a bad WORKERS exits with code 0',
    edits: { 'server.ts': [['process.exit(2);', 'process.exit(0);']] },
  },
  {
    lesson: 'lesson-5',
    name: 'every exit is replaced, as in the seed articles',
    edits: { 'server.ts': [['if (worker.exitedAfterDisconnect) {', 'if (false) {']] },
  },
  {
    lesson: 'lesson-5',
    name: 'the log prints code alone (null for a signal)',
    edits: { 'server.ts': [['const cause = signal ? `killed by ${signal}` : `exited with code ${code}`;', 'const cause = `exited with code ${code}`;']] },
  },
  {
    lesson: 'lesson-5',
    name: "an 'exit' listener on each first worker instead of on the cluster",
    edits: {
      'server.ts': [
        [
          "cluster.on('exit', (worker, code, signal) => {",
          "for (const worker of Object.values(cluster.workers ?? {})) worker!.on('exit', (code: number, signal: string) => {",
        ],
      ],
    },
  },
  {
    lesson: 'lesson-5',
    name: 'the ready line is printed again when a replacement listens',
    edits: { 'server.ts': [['if (listening === workers) {', 'if (listening >= workers) {']] },
  },
  {
    lesson: 'lesson-5',
    name: 'replacements listen on port 0 again (the port is not resolved once)',
    edits: { 'server.ts': [['const env = { PORT: String(await resolvePort(host, port)) };', 'const env = {};']] },
  },
  {
    lesson: 'lesson-5',
    name: 'the primary exits 0 when its last worker has left on purpose',
    edits: {
      'server.ts': [
        ['      console.error(`primary ${process.pid}: every worker has left on purpose and none is coming back; exiting 1`);\n      process.exit(1);\n', ''],
      ],
    },
  },

  {
    lesson: 'lesson-6',
    name: 'a crashed worker is restarted at once, every time',
    edits: { 'restart-policy.ts': [['delayMs: Math.min(FIRST_DELAY_MS * 2 ** (failuresNow - 1), MAX_DELAY_MS)', 'delayMs: 0']] },
  },
  {
    lesson: 'lesson-6',
    name: 'the backoff never resets after a healthy life',
    edits: {
      'restart-policy.ts': [["if (servedMs !== undefined && servedMs >= HEALTHY_AFTER_MS) return { failures: 0, action: 'restart', delayMs: 0 };", '']],
    },
  },
  {
    lesson: 'lesson-6',
    name: 'the primary never gives up',
    edits: { 'restart-policy.ts': [["if (failuresNow >= MAX_FAILED_STARTS && !poolServing) return { failures: failuresNow, action: 'give up' };", '']] },
  },
  {
    lesson: 'lesson-6',
    name: 'the primary gives up after 5 failures in a slot, even while another worker serves',
    edits: { 'restart-policy.ts': [['if (failuresNow >= MAX_FAILED_STARTS && !poolServing)', 'if (failuresNow >= MAX_FAILED_STARTS)']] },
  },
  {
    lesson: 'lesson-6',
    name: "a worker's life is timed with Date.now(), which a wall-clock step moves",
    edits: {
      'supervisor.ts': [
        ['slot.readyAt = performance.now();', 'slot.readyAt = Date.now();'],
        ['performance.now() - slot.readyAt', 'Date.now() - slot.readyAt'],
      ],
    },
  },
  {
    lesson: 'lesson-7',
    name: 'SIGTERM makes the primary exit at once, without draining',
    edits: { 'shutdown.ts': [['const killed = await pool.stop(timeoutMs);', 'process.exit(0);\n    const killed = await pool.stop(timeoutMs);']] },
  },
  {
    lesson: 'lesson-7',
    name: 'the drain has no deadline',
    edits: {
      'supervisor.ts': [
        ['await Promise.race([Promise.all(workers.map((worker) => worker.exited)), deadline]);', 'await Promise.all(workers.map((worker) => worker.exited));'],
      ],
    },
  },
  {
    lesson: 'lesson-7',
    name: "workers die of the group's SIGINT mid-request",
    edits: { 'drain.ts': [["process.on('SIGINT', drain);", '']] },
  },
  {
    lesson: 'lesson-7',
    name: 'draining workers exit with code 0 (no disconnect), and the primary re-forks them',
    edits: {
      'supervisor.ts': [['if (stopping) return; // a shutdown: every exit is expected, none is replaced', '']],
      'drain.ts': [['if (cluster.isWorker) cluster.worker!.disconnect();\n    else server.close();', 'server.close(() => process.exit(0));']],
    },
  },
  {
    lesson: 'lesson-7',
    name: 'a draining worker waits for idle keep-alive connections to hang up',
    edits: {
      'drain.ts': [
        [
          'if (cluster.isWorker) cluster.worker!.disconnect();\n    else server.close();',
          '// stop taking connections, but leave the idle keep-alive ones open\n    Object.getPrototypeOf(Object.getPrototypeOf(server)).close.call(server, () => cluster.worker!.disconnect());',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-7',
    name: 'a second signal is ignored during the shutdown',
    edits: { 'shutdown.ts': [['if (shuttingDown) {', 'if (shuttingDown) return;\n    if (shuttingDown) {']] },
  },
  {
    lesson: 'lesson-7',
    name: 'the primary exits 0 when its pool empties by itself (a stray SIGTERM to the last worker)',
    edits: { 'supervisor.ts': [[EMPTY_POOL_EXIT, '']] },
  },
  {
    lesson: 'lesson-7',
    name: 'a restart scheduled before the shutdown still forks a worker during it',
    edits: { 'supervisor.ts': [['    for (const slot of slots) clearTimeout(slot.restart);\n', '']] },
  },
  {
    lesson: 'lesson-7',
    name: "no policy for the primary's own uncaught exceptions (Node's default: it dies at once)",
    edits: { 'shutdown.ts': [["  process.on('uncaughtException', onBug);\n  process.on('unhandledRejection', onBug);\n", '']] },
  },
  {
    lesson: 'lesson-7',
    name: "the primary's uncaught exception is logged, then it exits 1 at once, without draining",
    edits: { 'shutdown.ts': [["if (!shuttingDown) void shutDown('an uncaught error in the primary');", 'process.exit(1);']] },
  },

  {
    lesson: 'lesson-8',
    name: 'the roll stops the old worker first, then starts the new one',
    edits: {
      'supervisor.ts': [
        [
          '    const newcomer = start();\n    newcomers.add(newcomer);',
          '    const retiring = slots[index]!.worker;\n    if (retiring) {\n      slots[index]!.worker = undefined;\n      retiring.stop();\n      await retiring.exited;\n    }\n    const newcomer = start();\n    newcomers.add(newcomer);',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-8',
    name: "a new worker counts as ready when 'online', not 'listening'",
    edits: { 'cluster-workers.ts': [["worker.once('listening', () => resolve())", "worker.once('online', () => resolve())"]] },
  },
  {
    lesson: 'lesson-8',
    name: 'a broken new worker does not abort the roll',
    edits: { 'supervisor.ts': [["if (outcome !== 'ready' || stopping) {", 'if (stopping) {']] },
  },
  {
    lesson: 'lesson-8',
    name: 'a new worker may take any time to listen (no READY_TIMEOUT_MS)',
    edits: { 'supervisor.ts': [['      delay(readyTimeoutMs, `was not listening after ${readyTimeoutMs} ms`, { ref: false }),\n', '']] },
  },
  {
    lesson: 'lesson-8',
    name: 'the roll waits for the old worker to leave, with no deadline',
    edits: {
      'supervisor.ts': [
        [
          "    const outcome = await Promise.race([worker.exited.then(() => 'gone'), delay(stopTimeoutMs, 'deadline', { ref: false })]);\n    if (outcome === 'deadline') {\n      console.error(`worker ${worker.pid} still busy ${stopTimeoutMs} ms after it was replaced; killing it`);\n      worker.kill();\n      await worker.exited;\n    }\n",
          '    await worker.exited;\n',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-8',
    name: 'a shutdown during a roll misses the worker being retired',
    edits: {
      'supervisor.ts': [
        ['...newcomers, ...retiring];', '...newcomers];'],
        ['...newcomers, ...retiring]) worker?.kill();', '...newcomers]) worker?.kill();'],
      ],
    },
  },
  {
    lesson: 'lesson-8',
    name: 'the drain closes idle keep-alive connections at once',
    edits: { 'drain.ts': [['net.Server.prototype.close.call(server, () => {', 'server.close(() => {']] },
  },
  {
    lesson: 'lesson-8',
    name: 'the roll has no soak: a new worker replaces the old one as soon as it listens',
    edits: { 'supervisor.ts': [["delay(soakMs, 'ready', { ref: false }),", "Promise.resolve('ready'),"]] },
  },
  {
    lesson: 'lesson-8',
    name: 'a worker that takes a slot in a roll is put in it, but its exit is not watched',
    edits: { 'supervisor.ts': [['watch(slot, newcomer); // listening already: watch() records it as ready', 'slot.worker = newcomer;']] },
  },
  {
    lesson: 'lesson-9',
    name: "the ledger hears only the first WORKERS workers, as listeners attached once at start (the docs' example)",
    edits: {
      'stats-primary.ts': [['  return (worker) => {\n    started++;', '  return (worker) => {\n    if (started === size) return worker;\n    started++;']],
    },
  },
  {
    lesson: 'lesson-9',
    name: "/stats answers from the worker's own memory",
    edits: {
      'stats-worker.ts': [
        ["export const STATS_PATH = '/stats';", "export const STATS_PATH = '/stats';\nlet servedHere = 0;"],
        ["res.once('finish', () => {\n      unreported++;", "res.once('finish', () => {\n      servedHere++;\n      unreported++;"],
        [
          '  return (_url, res) => {\n    const id = ++lastId;',
          '  return (_url, res) => {\n    if (lastId >= 0) return sendJson(res, 200, { total: servedHere, workers: [{ pid: process.pid, served: servedHere, startedAt: 0 }], exited: { workers: 0, served: 0 }, restarts: 0 });\n    const id = ++lastId;',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-9',
    name: '/stats waits for the primary with no timeout',
    edits: {
      'stats-worker.ts': [
        [
          '    const timer = setTimeout(() => {\n      waiting.delete(id);\n      sendJson(res, 503, { error: `the primary did not answer within ${timeoutMs} ms (STATS_TIMEOUT_MS)` });\n    }, timeoutMs);',
          '    const timer = undefined;',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-9',
    name: 'a dead worker takes its count with it',
    edits: { 'stats-primary.ts': [["    exited.served += entry.served; // the dead worker's count stays in the total\n", '']] },
  },
  {
    lesson: 'lesson-9',
    name: '/stats requests count themselves',
    edits: { 'stats-worker.ts': [["    if (new URL(req.url ?? '/', 'http://localhost').pathname === STATS_PATH) return;\n", '']] },
  },
  {
    lesson: 'lesson-9',
    name: 'the primary trusts every message (no validation)',
    edits: { 'messages.ts': [["  if (typeof message !== 'object' || message === null) return undefined;", '  return message as WorkerMessage;']] },
  },
  {
    lesson: 'lesson-9',
    name: 'one message per request (count always 1), as before batching',
    edits: {
      'stats-worker.ts': [
        [
          '      unreported++;\n      // unref(): a pending report must not keep a worker that is leaving alive (the drain reports it).\n      timer ??= setTimeout(report, REPORT_EVERY_MS).unref();',
          "      tellPrimary({ type: 'workshop:served', count: 1 });",
        ],
      ],
    },
  },
  {
    lesson: 'lesson-9',
    name: 'a worker reports its count only when it drains, not on a timer',
    edits: { 'stats-worker.ts': [['      timer ??= setTimeout(report, REPORT_EVERY_MS).unref();\n', '']] },
  },
  {
    lesson: 'lesson-9',
    name: 'the drain does not report the last counts before the worker disconnects',
    edits: { 'stats-worker.ts': [["  server.on('close', report);\n", '']] },
  },
  {
    lesson: 'lesson-9',
    name: 'restarts counts the exits, not the workers started beyond WORKERS',
    edits: { 'stats-primary.ts': [['restarts: Math.max(0, started - size)', 'restarts: exited.workers']] },
  },
  {
    lesson: 'lesson-9',
    name: 'startedAt is read from performance.now(), not from the wall clock',
    edits: { 'stats-primary.ts': [['startedAt: Date.now()', 'startedAt: performance.now()']] },
  },
  {
    lesson: 'lesson-10',
    name: 'the workers beat, but the primary never checks the heartbeats',
    edits: { 'server.ts': [['    start: () => watchForHangs(countServed(fork())),', '    start: () => countServed(fork()),']] },
  },
  {
    lesson: 'lesson-10',
    name: 'the primary asks the OS whether the worker is alive (process.kill(pid, 0)) instead of listening for heartbeats',
    edits: {
      'hang-detector.ts': [
        [
          STALE_CHECK,
          'try {\n        process.kill(worker.pid, 0); // signal 0: "does this process exist?"\n        continue;\n      } catch {\n        // no such process: dead, so kill it for good measure\n      }',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-10',
    name: 'only the first WORKERS workers are watched for hangs, not their replacements',
    edits: {
      'server.ts': [
        [
          '    start: () => watchForHangs(countServed(fork())),',
          '    start: (() => {\n      let first = workers;\n      return () => (first-- > 0 ? watchForHangs(countServed(fork())) : countServed(fork()));\n    })(),',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-10',
    name: 'a worker is killed after three missed heartbeats, not after HANG_TIMEOUT_MS',
    edits: { 'hang-detector.ts': [[STALE_CHECK, 'if (now - beatAt <= 3 * heartbeatMs) continue;']] },
  },
  {
    lesson: 'lesson-10',
    name: "the clock starts at 'fork', and a worker beats only once it is listening",
    edits: {
      'hang-detector.ts': [
        ['  return (worker) => {\n    let gone = false;', '  return (worker) => {\n    lastBeat.set(worker, performance.now());\n    let gone = false;'],
      ],
      'worker.ts': [
        ['  sendHeartbeats(Number(process.env.HEARTBEAT_MS));\n', ''],
        ['  drainOnSignals(server.listen(port, host));', '  drainOnSignals(server.listen(port, host));\n  sendHeartbeats(Number(process.env.HEARTBEAT_MS));'],
      ],
    },
  },
  {
    lesson: 'lesson-10',
    name: 'the primary keeps killing workers as hung during a shutdown',
    edits: { 'hang-detector.ts': [["  process.once('SIGTERM', stop);\n  process.once('SIGINT', stop);\n", '']] },
  },
  {
    lesson: 'lesson-10',
    name: 'the hang detector times the silence with Date.now(), which jumps with the wall clock',
    edits: {
      'hang-detector.ts': [
        ['const now = performance.now();', 'const now = Date.now();'],
        ['lastBeat.set(worker, performance.now())', 'lastBeat.set(worker, Date.now())'],
      ],
    },
  },
  {
    lesson: 'lesson-10',
    name: "the heartbeat's timer is not unref'd: it keeps a drained worker alive",
    edits: { 'heartbeat.ts': [['setInterval(beat, everyMs).unref();', 'setInterval(beat, everyMs);']] },
  },
  // On a Node without reusePort (older than 22.12 / 23.1) lesson 11's tests skip, and these prove nothing there.
  {
    lesson: 'lesson-11',
    name: 'the launcher listens on the port too (it joins the reusePort group and answers requests)',
    edits: {
      'launcher.ts': [
        ["import { host, port, resolvePort } from '#app';", "import { createApp, host, port, resolvePort } from '#app';"],
        [
          '  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });\n}',
          '  rollOnSignal(pool, { readyTimeoutMs, soakMs: rollSoakMs });\n  createApp().listen({ port: listenPort, host, reusePort: true } as { port: number });\n}',
        ],
      ],
    },
  },
  {
    lesson: 'lesson-11',
    name: 'the launcher chooses a port but does not pass it on: each process listens on a port 0 of its own',
    edits: { 'launcher.ts': [['{ PORT: String(listenPort),', '{ PORT: String(port),']] },
  },
  {
    lesson: 'lesson-11',
    name: 'the processes listen without reusePort (EADDRINUSE for all but the first)',
    edits: { 'reuse-port-worker.ts': [['reusePort: true }', 'reusePort: false }']] },
  },
  {
    lesson: 'lesson-11',
    name: 'a cluster behind the launcher: the primary accepts every connection and hands it on',
    edits: {
      'launcher.ts': [
        [
          "import { processWorkers } from './process-workers.ts';",
          "import cluster from 'node:cluster';\nimport { clusterWorkers } from './cluster-workers.ts';\nimport { startWorker } from './worker.ts';",
        ],
        ['if (process.argv.includes(WORKER_ROLE)) {\n  await startReusePortWorker();', 'if (cluster.isWorker) {\n  await startWorker();'],
        ['const spawn = processWorkers(process.argv[1]!, [WORKER_ROLE], env);', 'const spawn = clusterWorkers(env);'],
      ],
    },
  },
  {
    lesson: 'lesson-11',
    name: 'a process counts as ready when it is spawned, not when it listens',
    edits: {
      'process-workers.ts': [
        [
          "ready: new Promise((resolve) => child.on('message', (message) => isListening(message) && resolve())),",
          "ready: new Promise((resolve) => child.once('spawn', () => resolve())),",
        ],
      ],
    },
  },
  {
    lesson: 'lesson-11',
    name: 'stop() sends SIGKILL: the request in flight is cut',
    edits: { 'process-workers.ts': [["child.kill('SIGTERM'); // the child drains", "child.kill('SIGKILL'); // the child drains"]] },
  },
  {
    lesson: 'lesson-11',
    name: 'a drained process never exits (its IPC channel keeps it alive)',
    edits: { 'reuse-port-worker.ts': [['    if (process.connected) process.disconnect();\n', '']] },
  },
  {
    lesson: 'lesson-11',
    name: 'kill() sends SIGTERM: a process busy at the deadline outlives it, and the launcher waits',
    edits: { 'process-workers.ts': [["kill: () => child.kill('SIGKILL'),", "kill: () => child.kill('SIGTERM'),"]] },
  },
  {
    lesson: 'lesson-11',
    name: 'a second signal exits the launcher without killing its processes',
    edits: { 'shutdown.ts': [['      pool.killAll();\n', '']] },
  },
  {
    lesson: 'lesson-11',
    name: 'the processes ignore the launcher’s death and keep serving the port',
    edits: { 'reuse-port-worker.ts': [["  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));\n", '']] },
  },
  {
    lesson: 'lesson-11',
    name: 'the launcher has no hang detection: a hung process keeps its share of the connections',
    edits: { 'launcher.ts': [['    start: () => watchForHangs(countServed(spawn())),', '    start: () => countServed(spawn()),']] },
  },
  {
    lesson: 'lesson-11',
    name: 'the processes send no heartbeats',
    edits: { 'reuse-port-worker.ts': [['  sendHeartbeats(Number(process.env.HEARTBEAT_MS));\n', '']] },
  },
  {
    lesson: 'lesson-11',
    name: 'the processes have no /stats route (404, as before)',
    edits: { 'reuse-port-worker.ts': [['createApp({ [STATS_PATH]: statsRoute(Number(process.env.STATS_TIMEOUT_MS)) })', 'createApp()']] },
  },
  {
    lesson: 'lesson-12',
    name: 'the work runs on the main thread, as /slow does',
    edits: { 'thread-pool.ts': [[RUN_ON_POOL, "import('./work-task.ts').then((task) => task.default({ ms, fail }))"]] },
  },
  {
    lesson: 'lesson-12',
    name: "the queue is left to piscina's maxQueue, which piscina 5.3.2 does not apply to a task run with a signal",
    edits: {
      'thread-pool.ts': [
        [QUEUE_CHECK, ''],
        ['    maxThreads: threads,\n', '    maxThreads: threads,\n    maxQueue: queue,\n'],
      ],
    },
  },
  {
    lesson: 'lesson-12',
    name: 'a task whose client gave up is not aborted: it holds its thread to the end',
    edits: { 'thread-pool.ts': [["    res.once('close', () => res.writableFinished || abandoned.abort());\n", '']] },
  },
  {
    lesson: 'lesson-12',
    name: "the pool size ignores THREADS (piscina's default threads)",
    edits: { 'thread-pool.ts': [['    minThreads: threads,\n    maxThreads: threads,\n', '']] },
  },
  {
    lesson: 'lesson-12',
    name: "a task's error is not handled: the rejection crashes the worker",
    edits: { 'thread-pool.ts': [[REJECTION_HANDLER, ',\n    );']] },
  },
  {
    lesson: 'lesson-12',
    name: "a task's error is answered 200",
    edits: { 'thread-pool.ts': [['sendJson(res, 500, { error: error.message })', 'sendJson(res, 200, { pid: process.pid, error: error.message })']] },
  },
  {
    lesson: 'lesson-12',
    name: 'a full queue is answered 503, but the refused task is run anyway (no return)',
    edits: { 'thread-pool.ts': [['if (pool.queueSize >= queue) return sendJson(res, 503,', 'if (pool.queueSize >= queue) sendJson(res, 503,']] },
  },
  {
    lesson: 'lesson-12',
    name: 'a full queue is answered 500, like an error in the task',
    edits: { 'thread-pool.ts': [['if (pool.queueSize >= queue) return sendJson(res, 503,', 'if (pool.queueSize >= queue) return sendJson(res, 500,']] },
  },
  {
    lesson: 'lesson-12',
    name: 'a new Worker per request, written by hand, instead of a pool',
    edits: {
      'thread-pool.ts': [
        [
          "import { Piscina } from 'piscina';",
          "import { Piscina } from 'piscina';\nimport { fileURLToPath } from 'node:url';\nimport { Worker } from 'node:worker_threads';",
        ],
        [RUN_ON_POOL, 'runInNewThread({ ms, fail })'],
        [
          'export function startThreadPool(',
          `// A thread per request: it runs the task once, sends the result back, and ends.
// (tsx registered by hand: an eval'd thread does not get it from execArgv.)
function runInNewThread(task: WorkTask): Promise<WorkResult> {
  const taskFile = JSON.stringify(fileURLToPath(new URL('./work-task.ts', import.meta.url)));
  const code = \`require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(require(\${taskFile}).default(workerData));\`;
  return new Promise((resolve, reject) => {
    const thread = new Worker(code, { eval: true, workerData: task });
    thread.once('message', resolve);
    thread.once('error', reject);
  });
}

export function startThreadPool(`,
        ],
      ],
    },
  },
  {
    lesson: 'lesson-12',
    name: 'QUEUE defaults to one task per thread',
    edits: { 'config.ts': [["wholeNumber('QUEUE', 4 * threads)", "wholeNumber('QUEUE', threads)"]] },
  },
  {
    lesson: 'lesson-12',
    name: 'THREADS and QUEUE are checked only in the workers, after the fork',
    edits: { 'config.ts': [['    ...readThreadSettings(),\n', '']] },
  },
];
