// GET /stats as the tests read it (lesson 9 on, and lesson 11's launcher):
// the contract's shape checked, a settled starting point, requests tallied by
// the PID that answered, and a count that must catch up with them.
import { setTimeout as delay } from 'node:timers/promises';
import { sentence } from '../../lib/message.ts';
import type { LessonContext, LessonServer } from './lesson-server.ts';

export type Stats = {
  total: number;
  workers: { pid: number; served: number; startedAt: number }[];
  exited: { workers: number; served: number };
  restarts: number;
};
export type Counts = Map<number, number>;
type Expect = LessonContext['expect'];

// IPC is asynchronous, and a worker reports its count up to 100 ms after an
// answer (lessons/README.md): /stats may lag that much, plus a hop. Wide, for a busy machine.
export const SETTLE_MS = 2_000;

// GET /stats on a fresh connection, checked against the contract's shape.
export async function readStats(expect: Expect, server: LessonServer): Promise<Stats> {
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
    body.workers.every((each) => typeof each?.pid === 'number' && typeof each.served === 'number' && typeof each.startedAt === 'number') &&
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

export const served = (stats: Stats, pid: number) => stats.workers.find((each) => each.pid === pid)?.served ?? 0;
const sum = (counts: Counts) => [...counts.values()].reduce((a, b) => a + b, 0);
const show = (counts: Counts) => [...counts].map(([pid, n]) => `${pid}: ${n}`).join(', ');

// A starting point: two reads that agree, further apart than a worker may hold
// its count (100 ms), so that no report is still on its way.
const QUIET_MS = 300;
export async function settledStats(expect: Expect, server: LessonServer): Promise<Stats> {
  const deadline = Date.now() + SETTLE_MS;
  let last = await readStats(expect, server);
  for (;;) {
    await delay(QUIET_MS);
    const now = await readStats(expect, server);
    if (now.total === last.total || Date.now() > deadline) return now;
    last = now;
  }
}

// `count` requests on fresh connections, added to `counts` by the PID that answered each.
export async function sendRequests(server: LessonServer, count: number, counts: Counts = new Map()): Promise<Counts> {
  for (let i = 0; i < count; i++) {
    const { body } = await server.get('/');
    counts.set(body.pid, (counts.get(body.pid) ?? 0) + 1);
  }
  return counts;
}

// Reads /stats until its total has grown by `sent` (for at most SETTLE_MS), and checks that it grew by exactly that.
export async function expectTotal(expect: Expect, server: LessonServer, since: Stats, sent: number, what: string): Promise<Stats> {
  const deadline = Date.now() + SETTLE_MS;
  let now = await readStats(expect, server);
  while (now.total - since.total < sent && Date.now() < deadline) now = await readStats(expect, server);
  const grew = now.total - since.total;
  const why =
    grew < sent
      ? sentence`each worker must report every request it answers to the primary (process.send), within 100 ms, the primary must add up the reports
          of all the workers, and /stats must answer the primary's figures, not the answering worker's own count`
      : `more than were sent: count each answered request once, and do not count /stats requests themselves`;
  expect(
    grew,
    server.explain(sentence`${what}: the test sent ${sent} requests, and /stats's total grew by ${grew}
      (from ${since.total} to ${now.total}, waiting up to ${SETTLE_MS} ms): ${why}`),
  ).toBe(sent);
  return now;
}

// The same, and per worker: each PID's "served" grew by what the test got from it.
export async function expectCounted(expect: Expect, server: LessonServer, since: Stats, sent: Counts, what: string): Promise<Stats> {
  const now = await expectTotal(expect, server, since, sum(sent), `${what} (by PID: ${show(sent)})`);
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
