import os from 'node:os';
import { pidsAnswering } from '../lib/http.ts';
import { sentence } from '../lib/message.ts';
import { listeningPorts } from '../lib/process-tree.ts';
import { test } from './harness/lesson-server.ts';

test.concurrent(
  'with WORKERS=3, fresh connections are answered by exactly 3 worker PIDs, each a live child of the primary',
  async ({ expect, startServer }) => {
    const server = await startServer('lesson-3', { WORKERS: '3' });
    const pids = await pidsAnswering(server.url, 20);
    const distinct = [...new Set(pids)];

    expect(
      distinct,
      server.explain(`20 requests on fresh connections were all answered by pid ${distinct[0]}: did the primary fork workers?`),
    ).not.toHaveLength(1);
    expect(pids, server.explain(`pid ${server.pid} is the primary: it should hand connections to its workers and serve nothing itself`)).not.toContain(
      server.pid,
    );
    expect(
      distinct,
      server.explain(`with WORKERS=3, 20 fresh connections were answered by ${distinct.length} PIDs (${distinct.join(', ')}): expected 3`),
    ).toHaveLength(3);

    const children = await server.workers();
    for (const pid of distinct) {
      expect(
        children,
        server.explain(sentence`pid ${pid} answered, but it is not a live child process of the primary ${server.pid}
        (children: ${children.join(', ') || 'none'}); workers come from cluster.fork()`),
      ).toContain(pid);
    }
    expect(children, server.explain(`the primary has ${children.length} live worker processes (${children.join(', ')}) with WORKERS=3`)).toHaveLength(3);

    // The primary owns the cluster's one listening socket; a second one is a server of its own.
    const announced = Number(new URL(server.url).port);
    const held = listeningPorts(server.pid);
    if (held) {
      expect(
        held,
        server.explain(sentence`the primary ${server.pid} listens on port(s) ${held.join(', ')}; the cluster's socket is on ${announced},
        so any other port is a server the primary runs itself. Create the server only in the workers (the else branch)`),
      ).toEqual([announced]);
    }
  },
);

test.concurrent('without WORKERS, the primary forks os.availableParallelism() workers', async ({ expect, startServer }) => {
  const server = await startServer('lesson-3');
  const expected = os.availableParallelism();
  const children = await server.workers();
  expect(
    children,
    server.explain(`without WORKERS the primary forked ${children.length} workers; this machine's os.availableParallelism() is ${expected}`),
  ).toHaveLength(expected);
});
