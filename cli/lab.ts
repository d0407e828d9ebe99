// npm run lab lesson-N: starts the lesson's server as the tests do and serves a
// live page of it on 127.0.0.1: its processes, a bounded load, the lesson's
// actions and a log. Ctrl+C stops the lab and the server, and nothing is left.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { pc } from '../lib/colour.ts';
import { lessonEntry } from '../lib/lesson-entry.ts';
import { labOf } from '../lib/lessons.ts';
import { labAssetsDir, labPageFor } from '../site/lab-page.ts';
import { parseCommand } from './lib/command.ts';
import { createLabSession } from './lib/lab-session.ts';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4100;
const DEFAULT_WORKERS = '2';
// From lesson 11, a lesson's second entry (lessons/README.md).
const hasLauncher = (name: string) => {
  try {
    return Boolean(lessonEntry(`${name}/launcher.ts`));
  } catch {
    return false;
  }
};

const command = parseCommand({
  usage: 'npm run lab <lesson> [-- --launcher | --screenshots]',
  summary: `Starts the lesson's server (yours, in lessons/; WORKSHOP_TARGET=solutions for the reference) in its own
process group on a free port, as the tests do, with WORKERS=${DEFAULT_WORKERS} unless you set WORKERS, and serves a live
page of it at http://${HOST}:${DEFAULT_PORT}/ (PORT=4101 npm run lab ... for another port): its processes, a load
you switch on, the lesson's actions, and what happened. Ctrl+C stops the lab and the server.
With --screenshots (and no lesson), writes the screenshots of site/docs/lab/ instead.`,
  flags: {
    launcher: { help: "from lesson 11: start the lesson's launcher.ts (independent processes on one port) instead of server.ts" },
    screenshots: { help: 'write the light and dark screenshots of lessons 3, 8 and 10 to site/docs/lab/' },
  },
});
if (command.flags.screenshots) {
  const { writeLabScreenshots } = await import('./lib/lab-screenshots.ts');
  await writeLabScreenshots();
  process.exit(0);
}
const lesson = command.lesson();
const port = Number(process.env.PORT || DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) command.fail(`PORT must be a port number from 0 to 65535, not ${process.env.PORT}.`);

const launcher = command.flags.launcher;
if (launcher && !hasLauncher(lesson.name)) command.fail(`${lesson.name} has no launcher.ts: the launcher comes in lesson 11.`);
const { features, env } = labOf(lesson);
// The launcher's processes have no /stats, /work or /retire (the contract's launcher table).
if (launcher) for (const feature of ['stats', 'work', 'threads', 'retire'] as const) features.delete(feature);
const workers: Record<string, string> = lesson.number >= 3 ? { WORKERS: process.env.WORKERS || DEFAULT_WORKERS } : {};
const session = createLabSession({
  lesson,
  entry: lessonEntry(launcher ? `${lesson.name}/launcher.ts` : lesson.name),
  parent: launcher ? 'launcher' : lesson.number >= 3 ? 'primary' : 'server',
  features,
  env: { ...env, ...workers },
});
const page = labPageFor(lesson, features);
const assets = sirv(labAssetsDir, { dev: true });

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

// The POSTs change a running server: only from this page (its header), on this address (no DNS rebinding).
const fromTheLab = (req: http.IncomingMessage) =>
  req.headers['x-workshop-lab'] === '1' && req.headers.host === `${HOST}:${(server.address() as AddressInfo).port}`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(page);
  }
  if (req.method === 'GET' && url.pathname === '/api/state') return json(res, 200, session.state());
  if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
    if (!fromTheLab(req)) return json(res, 403, { error: 'Only the lab page may do that.' });
    const refused = post(url);
    return json(res, refused ? 409 : 200, refused ? { error: refused } : {});
  }
  const notFound = () => json(res, 404, { error: `no ${url.pathname} in the lab` });
  if (req.method !== 'GET' || !url.pathname.startsWith('/assets/')) return notFound();
  req.url = url.pathname.slice('/assets'.length); // the page's assets/x is site/assets/x
  assets(req, res, notFound);
});

// Each POST, by its path; '' when done, else why not.
function post(url: URL): string {
  const ms = Number(url.searchParams.get('ms') ?? 2000);
  switch (url.pathname) {
    case '/api/load/start': {
      const connections = url.searchParams.get('connections');
      if (connections !== 'fresh' && connections !== 'keep-alive') return 'connections must be fresh or keep-alive';
      return session.startLoad(connections);
    }
    case '/api/load/stop':
      void session.stopLoad();
      return '';
    case '/api/restart':
      void session.restart();
      return '';
    case '/api/action':
      if (!Number.isInteger(ms) || ms < 1 || ms > 10_000) return 'ms must be a whole number from 1 to 10000';
      return session.act(url.searchParams.get('name') ?? '', ms);
    default:
      return `no ${url.pathname} in the lab`;
  }
}

try {
  await new Promise<void>((listening, failed) => server.once('error', failed).listen(port, HOST, listening));
} catch (error) {
  await session.stop();
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(
    pc.red(`Port ${port} on ${HOST} is already in use`) + ` (is a lab already running?). Choose another: PORT=${port + 1} npm run lab ${lesson.name}`,
  );
  process.exit(1);
}
const labUrl = `http://${HOST}:${(server.address() as AddressInfo).port}/`;
console.log(`\nThe lab for ${lesson.name} is at ${pc.cyan(labUrl)}\n\n${pc.dim('Ctrl+C stops the lab and the lesson server.')}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    console.log('\nStopping the lab and the lesson server.');
    server.close();
    server.closeAllConnections();
    await session.stop(); // confirms that every process of the server's group is gone
    console.log('Stopped: no process of the lesson server is left.');
    process.exit(0);
  });
}
