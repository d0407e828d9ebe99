import { sentence } from '../lib/message.ts';
import { expectBadValuesRefused } from './harness/bad-settings.ts';
import { test } from './harness/lesson-server.ts';
import { askWhileOneWorkerIsBusy } from './harness/while-busy.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Not concurrent: it times the free workers against an idle baseline, so nothing else may run meanwhile.
test('while one worker spins on /slow?ms=2000, the other workers answer / quickly', async ({ expect, startServer }) => {
  const server = await startServer('lesson-4', { WORKERS: '3' });
  const baseline: number[] = [];
  for (let i = 0; i < 9; i++) baseline.push((await server.get('/')).ms);
  const usual = median(baseline);

  const { busy, during } = await askWhileOneWorkerIsBusy(server.url, { path: '/', clients: 3 });

  expect(busy.status, server.explain(`GET /slow?ms=2000 answered ${busy.status}`)).toBe(200);
  const others = during.filter((reply) => reply.body.pid !== busy.body.pid && reply.endedAt < busy.endedAt);
  expect(
    others.length,
    server.explain(`while pid ${busy.body.pid} ran /slow, no other worker answered a request: with WORKERS=3 the other two should take the fresh connections`),
  ).toBeGreaterThanOrEqual(3);
  const limit = Math.max(20 * usual, 500);
  const worst = Math.max(...others.map((reply) => reply.ms));
  expect(
    worst,
    server.explain(sentence`while pid ${busy.body.pid} was busy, the other workers took up to ${worst.toFixed(0)} ms to answer
      (idle: ${usual.toFixed(1)} ms, allowed: ${limit.toFixed(0)} ms)`),
  ).toBeLessThan(limit);
});

test('a bad WORKERS (abc, 3abc, 0, -1, 2.5, empty) stops the primary with exit code 2 and an error on stderr naming WORKERS', async ({
  expect,
  spawnServer,
}) => {
  await expectBadValuesRefused({ expect, spawnServer }, 'lesson-4', 'WORKERS', ['abc', '3abc', '0', '-1', '2.5', ''], {
    why: 'Number() of a bad value is NaN, 0 or a fraction, and a loop up to that forks no sensible pool (parseInt("3abc") is 3: too forgiving).',
  });
});
