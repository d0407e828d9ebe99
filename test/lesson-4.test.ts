import { expect, test } from 'vitest';
import { get, startGet, type Reply } from './harness/http.ts';
import { runServerToExit, startServer } from './harness/lesson-server.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('while one worker spins on /slow?ms=2000, the other workers answer / quickly', async () => {
  const server = await startServer('lesson-4', { WORKERS: '3' });
  const baseline: number[] = [];
  for (let i = 0; i < 9; i++) baseline.push((await server.get('/')).ms);
  const usual = median(baseline);

  const slow = startGet(server.url, '/slow?ms=2000');
  await slow.sent;
  let slowDone = false;
  const slowReply = slow.reply.finally(() => (slowDone = true));

  // Three clients, each asking again as soon as it has an answer, until the slow
  // request ends. A client that lands on the busy worker just waits there.
  const during: Reply[] = [];
  const client = async () => {
    for (let i = 0; i < 15 && !slowDone; i++) during.push(await get(server.url, '/'));
  };
  await Promise.all([client(), client(), client()]);
  const busy = await slowReply;

  expect(busy.status, server.explain(`GET /slow?ms=2000 answered ${busy.status}`)).toBe(200);
  const others = during.filter((reply) => reply.body.pid !== busy.body.pid && reply.endedAt < busy.endedAt);
  expect(others.length, server.explain(`while pid ${busy.body.pid} ran /slow, no other worker answered a request: with WORKERS=3 the other two should take the fresh connections`)).toBeGreaterThanOrEqual(3);
  const limit = Math.max(20 * usual, 500);
  const worst = Math.max(...others.map((reply) => reply.ms));
  expect(worst, server.explain(`while pid ${busy.body.pid} was busy, the other workers took up to ${worst.toFixed(0)} ms to answer (idle: ${usual.toFixed(1)} ms, allowed: ${limit.toFixed(0)} ms)`)).toBeLessThan(limit);
});

test('a bad WORKERS (abc, 0, -1, 2.5, empty) stops the primary with an error naming WORKERS', async () => {
  const values = ['abc', '0', '-1', '2.5', ''];
  const results = await Promise.all(values.map((workers) => runServerToExit('lesson-4', { WORKERS: workers }, 5_000)));
  values.forEach((workers, i) => {
    const { exitCode, output, explain } = results[i]!;
    const value = JSON.stringify(workers);
    const outcome = exitCode === undefined ? 'was still running after 5 s' : `exited with code ${exitCode}`;
    expect(exitCode, explain(`with WORKERS=${value} the server ${outcome}; expected it to stop with a non-zero code. Number(${value}) is ${Number(workers)}, and a loop up to that forks no sensible pool`)).toBeGreaterThan(0);
    expect(output, explain(`with WORKERS=${value} the server exited, but its message does not mention WORKERS`)).toContain('WORKERS');
  });
});
