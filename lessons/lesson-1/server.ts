// Lesson 1: one process, one event loop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// TODO: write blockFor(ms), which keeps the CPU busy for `ms` milliseconds of
// real time (look at performance.now(), not at a loop counter).

function sendJson(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return sendJson(res, 405, { error: `${req.method} is not supported; use GET` });

  switch (url.pathname) {
    // TODO: GET / answers 200 with { pid: process.pid }.
    // TODO: GET /slow?ms=N checks that N is a whole number from 1 to 10000
    // (otherwise 400 with { error }), blocks for N ms, then answers 200 with { pid, ms }.
    default:
      return sendJson(res, 404, { error: `no route for ${url.pathname}` });
  }
});

server.listen(port, host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`pid ${process.pid} listening on http://${host}:${port}`);
});
