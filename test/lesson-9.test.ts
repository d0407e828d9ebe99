import { pathToFileURL } from 'node:url';
import { Client } from 'undici';
import { sentence } from '../lib/message.ts';
import { sendSignal } from '../lib/process-tree.ts';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { test, type LessonContext, type LessonServer } from './harness/lesson-server.ts';
import { lessonModule } from './harness/target.ts';
import { askWhileOneWorkerIsBusy } from './harness/while-busy.ts';

type Stats = {
  total: number;
  workers: { pid: number; served: number; startedAt: number }[];
  exited: { workers: number; served: number };
  restarts: number;
};
type Counts = Map<number, number>;
type Expect = LessonContext['expect'];

// IPC is asynchronous: the report of the last request may still be on its way when /stats is read.
const SETTLE_MS = 2_000;

// GET /stats on a fresh connection, checked against the contract's shape.
async function readStats(expect: Expect, server: LessonServer): Promise<Stats> {
  const reply = await server.get('/stats', 5_000);
  const body = reply.body as Stats;
  expect(
    reply.status,
    server.explain(sentence`GET /stats answered ${reply.status} ${JSON.stringify(body)}: any worker must answer 200 with the cluster's stats,
      which it asks the primary for (a 503 means the primary did not answer it: does the primary hear the messages of every worker,
      replacements too?)`),
  ).toBe(200);
  const wellFormed =
    typeof body?.total === 'number' &&
    Array.isArray(body.workers) &&
    body.workers.every((each) => typeof each?.pid === 'number' && typeof each.served === 'number') &&
    typeof body.exited?.served === 'number' &&
    typeof body.exited?.workers === 'number' &&
    typeof body.restarts === 'number';
  expect(
    wellFormed,
    server.explain(sentence`GET /stats answered ${JSON.stringify(body)}:
      expected { total, workers: [{ pid, served, startedAt }], exited: { workers, served }, restarts } (lessons/README.md)`),
  ).toBe(true);
  return body;
}

const served = (stats: Stats, pid: number) => stats.workers.find((each) => each.pid === pid)?.served ?? 0;
const sum = (counts: Counts) => [...counts.values()].reduce((a, b) => a + b, 0);
const show = (counts: Counts) => [...counts].map(([pid, n]) => `${pid}: ${n}`).join(', ');

// A starting point: two reads in a row that agree, so no report is still on its way.
async function settledStats(expect: Expect, server: LessonServer): Promise<Stats> {
  const deadline = Date.now() + SETTLE_MS;
  let last = await readStats(expect, server);
  for (;;) {
    const now = await readStats(expect, server);
    if (now.total === last.total || Date.now() > deadline) return now;
    last = now;
  }
}

// `count` requests on fresh connections, added to `counts` by the PID that answered each.
async function sendRequests(server: LessonServer, count: number, counts: Counts = new Map()): Promise<Counts> {
  for (let i = 0; i < count; i++) {
    const { body } = await server.get('/');
    counts.set(body.pid, (counts.get(body.pid) ?? 0) + 1);
  }
  return counts;
}

// Reads /stats until its total has grown by what the test sent (for at most SETTLE_MS), then checks it per worker.
async function expectCounted(expect: Expect, server: LessonServer, since: Stats, sent: Counts, what: string): Promise<Stats> {
  const deadline = Date.now() + SETTLE_MS;
  let now = await readStats(expect, server);
  while (now.total - since.total < sum(sent) && Date.now() < deadline) now = await readStats(expect, server);
  const grew = now.total - since.total;
  const why =
    grew < sum(sent)
      ? sentence`each worker must report every request it answers to the primary (process.send), the primary must add up the reports
          of all the workers, and /stats must answer the primary's figures, not the answering worker's own count`
      : `more than were sent: count each answered request once, and do not count /stats requests themselves`;
  expect(
    grew,
    server.explain(sentence`${what}: the test sent ${sum(sent)} requests (by PID: ${show(sent)}), and /stats's total grew by ${grew}
      (from ${since.total} to ${now.total}, waiting up to ${SETTLE_MS} ms): ${why}`),
  ).toBe(sum(sent));
  for (const [pid, count] of sent) {
    const delta = served(now, pid) - served(since, pid);
    expect(
      delta,
      server.explain(sentence`${what}: worker ${pid} answered ${count} of the test's requests, but its "served" in /stats grew by ${delta}:
        /stats ${JSON.stringify(now)}`),
    ).toBe(count);
  }
  return now;
}

// Not concurrent, and first: it times /stats against an idle baseline, so nothing else may run meanwhile.
test('/stats is answered at once by a free worker while another one is busy on /slow?ms=2000', async ({ expect, startServer }) => {
  const server = await startServer('lesson-9', { WORKERS: '2' });
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) idle.push((await readStats(expect, server), await server.get('/stats')).ms);
  const usual = [...idle].sort((a, b) => a - b)[2]!;

  const { busy, during } = await askWhileOneWorkerIsBusy(server.url, { path: '/stats', clients: 2 });

  expect(busy.status, server.explain(`GET /slow?ms=2000 answered ${busy.status}`)).toBe(200);
  const answered = during.filter((reply) => reply.status === 200 && reply.endedAt < busy.endedAt);
  expect(
    answered.length,
    server.explain(sentence`while worker ${busy.body.pid} ran /slow?ms=2000 (${busy.ms.toFixed(0)} ms), /stats was answered 200 only
      ${answered.length} time(s) (statuses: ${during.map((reply) => reply.status).join(', ')}): the free worker should answer from the
      primary's ledger, without waiting for the busy one`),
  ).toBeGreaterThanOrEqual(1);
  const limit = Math.max(20 * usual, 1_000);
  const worst = Math.max(...answered.map((reply) => reply.ms));
  expect(
    worst,
    server.explain(sentence`while worker ${busy.body.pid} was busy, /stats took up to ${worst.toFixed(0)} ms (idle: ${usual.toFixed(1)} ms,
      allowed: ${limit.toFixed(0)} ms): the primary must answer from what the workers already reported, not ask each worker and wait`),
  ).toBeLessThan(limit);
});

test.concurrent(
  "every worker's requests are counted in /stats from any worker; a worker killed with SIGKILL keeps its count, and its replacement's requests are counted",
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-9', { WORKERS: '2' });
    const first = await server.workers();
    const before = await settledStats(expect, server);
    const counted = await expectCounted(expect, server, before, await sendRequests(server, 20), '20 requests before any worker died');

    const victim = first[0]!;
    const victimServed = served(counted, victim);
    process.kill(victim, 'SIGKILL');
    const forked = server.startUpBound(1);
    const replacement = await server.waitFor(
      `worker ${victim} was killed with SIGKILL, and ${forked.shown} later no replacement was running`,
      async () => {
        const now = await server.workers();
        const fresh = now.filter((pid) => !first.includes(pid));
        return !now.includes(victim) && fresh.length === 1 ? fresh[0] : undefined;
      },
      forked.ms,
    );
    // Until the replacement answers (those requests count too), then 20 more.
    const sent: Counts = new Map();
    await server.waitFor(`worker ${replacement} was started but answered no request on a fresh connection within 10 s`, async () =>
      (await sendRequests(server, 1, sent)).has(replacement) ? true : undefined,
    );
    await sendRequests(server, 20, sent);

    const after = await expectCounted(expect, server, counted, sent, `after worker ${victim} was killed and replaced by ${replacement}`);
    expect(
      after.exited.served - counted.exited.served,
      server.explain(sentence`worker ${victim} had served ${victimServed} requests when it was killed, but "exited.served" grew by
      ${after.exited.served - counted.exited.served}: when a worker exits, the primary keeps its count (/stats ${JSON.stringify(after)})`),
    ).toBe(victimServed);
    expect(
      after.exited.workers - counted.exited.workers,
      server.explain(`one worker died, but "exited.workers" grew by ${after.exited.workers - counted.exited.workers}`),
    ).toBe(1);
    expect(
      after.workers.map((each) => each.pid),
      server.explain(`worker ${victim} is dead, yet /stats still lists it among the live workers`),
    ).not.toContain(victim);
    expect(
      after.restarts - counted.restarts,
      server.explain(`worker ${victim} was replaced once, but "restarts" grew by ${after.restarts - counted.restarts}`),
    ).toBe(1);
  },
);

test.concurrent(
  'with the primary stopped (SIGSTOP), /stats answers 503 at STATS_TIMEOUT_MS instead of hanging',
  async ({ expect, onTestFinished, startServer }) => {
    const STATS_TIMEOUT_MS = 500;
    const server = await startServer('lesson-9', { WORKERS: '2', STATS_TIMEOUT_MS: String(STATS_TIMEOUT_MS) });
    // The stopped primary accepts no connection (it hands them out): reuse one a worker already holds.
    const client = new Client(server.url, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000, headersTimeout: 6_000, bodyTimeout: 6_000 });
    onTestFinished(() => client.destroy());
    const warm = await client.request({ method: 'GET', path: '/' });
    const { pid } = (await warm.body.json()) as { pid: number };

    sendSignal(server.pid, 'SIGSTOP');
    onTestFinished(() => sendSignal(server.pid, 'SIGCONT'));
    const startedAt = performance.now();
    const reply = await client
      .request({ method: 'GET', path: '/stats' })
      .then(async (res) => ({ status: res.statusCode, text: await res.body.text() }))
      .catch((error: Error) => error);
    const ms = performance.now() - startedAt;

    const outcome =
      reply instanceof Error
        ? `got no answer (${reply.message}) after ${ms.toFixed(0)} ms`
        : `answered ${reply.status} ${reply.text} after ${ms.toFixed(0)} ms`;
    expect(
      reply instanceof Error ? 0 : reply.status,
      server.explain(sentence`with the primary stopped, GET /stats to worker ${pid} ${outcome}: a worker that asks the primary must give up
      at STATS_TIMEOUT_MS (${STATS_TIMEOUT_MS}) and answer 503`),
    ).toBe(503);
    const body = reply instanceof Error ? undefined : parseJson(reply.text);
    expect(
      typeof body?.error,
      server.explain(sentence`the 503 from /stats should be JSON with an "error", like every error of the contract;
      it was ${reply instanceof Error ? '' : reply.text}`),
    ).toBe('string');
    expect(ms, server.explain(`with STATS_TIMEOUT_MS=${STATS_TIMEOUT_MS}, /stats took ${ms.toFixed(0)} ms to answer 503`)).toBeLessThan(
      STATS_TIMEOUT_MS + 2_500,
    );
  },
);

function parseJson(text: string): { error?: unknown } | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

test.concurrent(
  'a bad STATS_TIMEOUT_MS (abc, 0, 1.5, empty) stops the primary with exit code 2 and an error on stderr naming it',
  async ({ expect, spawnServer }) => {
    await expectBadValuesRefused({ expect, spawnServer }, 'lesson-9', 'STATS_TIMEOUT_MS', ['abc', '0', '1.5', ''], { env: { WORKERS: '1' } });
  },
);

test.concurrent("the primary accepts the workers' messages and refuses malformed ones (parseWorkerMessage in messages.ts)", async ({ expect }) => {
  const { parseWorkerMessage } = (await import(pathToFileURL(lessonModule('lesson-9', 'messages.ts')).href)) as {
    parseWorkerMessage?: (message: unknown) => unknown;
  };
  expect(typeof parseWorkerMessage, 'messages.ts should export a function parseWorkerMessage(message)').toBe('function');
  const parse = (message: unknown) => {
    try {
      return parseWorkerMessage!(message);
    } catch (error) {
      return `threw ${(error as Error).message}`;
    }
  };

  for (const message of [
    { type: 'served', count: 1 },
    { type: 'served', count: 25 },
    { type: 'stats?', id: 1 },
    { type: 'stats?', id: 90_125 },
  ]) {
    expect(parse(message), `parseWorkerMessage(${JSON.stringify(message)}) should return the message: a worker sends exactly this`).toMatchObject(message);
  }
  const malformed: [unknown, string][] = [
    [undefined, 'undefined'],
    [null, 'null'],
    ['served', 'a string'],
    [42, 'a number'],
    [[], 'an array'],
    [{}, 'an object with no type'],
    [{ type: 'hello', count: 1 }, 'an unknown type'],
    [{ type: 'served' }, 'served with no count'],
    [{ type: 'served', count: '3' }, 'a count that is a string'],
    [{ type: 'served', count: -1 }, 'a negative count'],
    [{ type: 'served', count: 1.5 }, 'a fractional count'],
    [{ type: 'served', count: Number.NaN }, 'a count that is NaN'],
    [{ type: 'served', count: Number.POSITIVE_INFINITY }, 'an infinite count'],
    [{ type: 'stats?' }, 'a stats request with no id'],
    [{ type: 'stats?', id: 'abc' }, 'an id that is a string'],
    [{ type: 'stats?', id: 1.5 }, 'a fractional id'],
  ];
  for (const [message, what] of malformed) {
    const result = parse(message);
    expect(
      typeof result === 'string' && result.startsWith('threw') ? result : 'did not throw',
      `parseWorkerMessage(${what}) must return, never throw: the primary runs it on whatever arrives`,
    ).toBe('did not throw');
    expect(
      result,
      sentence`parseWorkerMessage(${what}: ${String(JSON.stringify(message))}) returned ${JSON.stringify(result)}:
        a malformed message must be refused (undefined), so the primary logs and ignores it`,
    ).toBeFalsy();
  }
});
