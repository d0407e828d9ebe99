import { setTimeout as delay } from 'node:timers/promises';
import { sentence } from '../lib/message.ts';
import { test } from './harness/lesson-server.ts';

test('GET /metrics shows a /slow?ms=500 as a max event-loop delay near 500 ms, and an idle server as a small one', async ({ expect, startServer }) => {
  const server = await startServer('lesson-2');
  await delay(300); // an idle stretch to measure, not a wait for readiness
  const first = await server.get('/metrics');
  expect(first.status, server.explain(`GET /metrics answered ${first.status}: is the /metrics route written?`)).toBe(200);
  const idle = first.body;
  await server.get('/slow?ms=500');
  const busy = (await server.get('/metrics')).body;

  const shape = `expected { pid, eventLoopDelayMs: { min, mean, p99, max }, eventLoopUtilization }, got ${JSON.stringify(busy)}`;
  expect(busy.pid, server.explain(shape)).toBe(server.pid);
  expect(typeof busy.eventLoopDelayMs?.max, server.explain(shape)).toBe('number');
  expect(typeof busy.eventLoopUtilization, server.explain(shape)).toBe('number');

  const idleMax = idle.eventLoopDelayMs.max;
  const busyMax = busy.eventLoopDelayMs.max;
  expect(
    busyMax,
    server.explain(`after /slow?ms=500 the max delay read ${busyMax}: expected about 500 ms (nanoseconds are 1e6 times bigger; did you divide?)`),
  ).toBeGreaterThanOrEqual(400);
  expect(
    busyMax,
    server.explain(`after /slow?ms=500 the max delay read ${busyMax}: expected about 500 ms (nanoseconds are 1e6 times bigger; did you divide?)`),
  ).toBeLessThan(3_000);
  expect(
    idleMax,
    server.explain(sentence`an idle server read a max delay of ${idleMax} ms, against ${busyMax} ms once blocked:
      the delay should be small until something blocks the loop`),
  ).toBeLessThan(busyMax / 4);
  expect(
    busy.eventLoopUtilization,
    server.explain(`utilization was ${idle.eventLoopUtilization} idle and ${busy.eventLoopUtilization} while blocked: the blocked window should be busier`),
  ).toBeGreaterThan(idle.eventLoopUtilization);
  expect(busy.eventLoopUtilization, server.explain(`utilization ${busy.eventLoopUtilization} must be a ratio from 0 to 1`)).toBeLessThanOrEqual(1);

  const again = (await server.get('/metrics')).body;
  expect(
    again.eventLoopDelayMs?.max,
    server.explain(sentence`a second read of /metrics showed a max delay of ${again.eventLoopDelayMs?.max} ms, after ${busyMax} ms
      the first time: /metrics counts since the server started, so do not reset() the histogram when it is read`),
  ).toBeGreaterThanOrEqual(busyMax);
});
