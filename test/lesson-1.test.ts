import { startGet, type Reply } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { test } from './harness/lesson-server.ts';

// A bad ms costs nothing: it is refused before any blocking, well within this.
const REFUSE_WITHIN_MS = 2_000;

test.concurrent('GET / answers 200 JSON with the PID of the process that handled it', async ({ expect, startServer }) => {
  const server = await startServer('lesson-1');
  const reply = await server.get('/');
  expect(reply.status, server.explain(`GET / answered ${reply.status}: is the "/" route written?`)).toBe(200);
  expect(reply.body.pid, server.explain(`GET / answered ${JSON.stringify(reply.body)}; expected { pid: ${server.pid} }`)).toBe(server.pid);
});

test.concurrent('a request to / sent while /slow?ms=1000 runs is held until the slow one ends', async ({ expect, startServer }) => {
  const server = await startServer('lesson-1');
  const slow = startGet(server.url, '/slow?ms=1000');
  await slow.sent;
  const fast = await startGet(server.url, '/').reply;
  const slowReply = await slow.reply;

  expect(slowReply.status, server.explain(`GET /slow?ms=1000 answered ${slowReply.status}: is the /slow route written?`)).toBe(200);
  expect(slowReply.ms, server.explain(`GET /slow?ms=1000 took ${slowReply.ms.toFixed(0)} ms: it must block for the full 1000 ms`)).toBeGreaterThanOrEqual(950);
  const waited = fast.endedAt - slow.startedAt;
  expect(
    waited,
    server.explain(sentence`GET / came back ${waited.toFixed(0)} ms after /slow?ms=1000 was sent: a busy loop should have held it
      until the slow request finished. Is /slow really blocking the event loop (not a setTimeout)?`),
  ).toBeGreaterThanOrEqual(950);
});

test.concurrent('bad ms values get a 400 JSON error, and the server keeps serving', async ({ expect, startServer }) => {
  const server = await startServer('lesson-1');
  for (const path of ['/slow', '/slow?ms=abc', '/slow?ms=12abc', '/slow?ms=0', '/slow?ms=10001', '/slow?ms=1.5', '/slow?ms=-5']) {
    // Waited for no longer than the answer is allowed to take: a server that blocks first is judged then.
    const reply = await server.get(path, REFUSE_WITHIN_MS).catch((): Reply => ({ status: 0, body: {}, ms: Infinity, endedAt: Infinity }));
    const took = reply.ms === Infinity ? `more than ${REFUSE_WITHIN_MS} ms to answer` : `${reply.ms.toFixed(0)} ms to answer ${reply.status}`;
    expect(reply.ms, server.explain(`GET ${path} took ${took}: check ms before you block, so a bad request costs nothing`)).toBeLessThan(REFUSE_WITHIN_MS);
    expect(reply.status, server.explain(`GET ${path} answered ${reply.status}: a bad ms must get 400, without blocking`)).toBe(400);
    expect(typeof reply.body.error, server.explain(`GET ${path} answered ${JSON.stringify(reply.body)}: expected { "error": "..." }`)).toBe('string');
  }
  const after = await server.get('/');
  expect(after.status, server.explain(`after the bad queries, GET / answered ${after.status}: the server must keep serving`)).toBe(200);
});

test.concurrent('an unknown path gets a 404 JSON error', async ({ expect, startServer }) => {
  const server = await startServer('lesson-1');
  const reply = await server.get('/nope');
  expect(reply.status, server.explain(`GET /nope answered ${reply.status}`)).toBe(404);
  expect(typeof reply.body.error, server.explain(`GET /nope answered ${JSON.stringify(reply.body)}`)).toBe('string');
});
