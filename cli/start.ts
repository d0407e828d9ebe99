// npm start: the front door. Builds the site when it is out of date, serves it
// on 127.0.0.1 with your progress at /api/progress, and says what to do next.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { pc } from '../lib/colour.ts';
import { parseCommand } from './lib/command.ts';
import { lessonStatuses, nextStep, progressTable } from './lib/progress-view.ts';
import { buildSite, siteDistDir, siteIsStale } from '../site/site-status.ts';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4000;

const command = parseCommand({
  usage: 'npm start',
  summary: `Builds the workshop's site if a lesson changed since the last build, serves it at
http://${HOST}:${DEFAULT_PORT}/ (PORT=4001 npm start to use another port), prints your progress
and the next command to run. Ctrl+C stops it.`,
  takesLessons: false,
});
const port = Number(process.env.PORT || DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) command.fail(`PORT must be a port number from 0 to 65535, not ${process.env.PORT}.`);

if (siteIsStale()) {
  console.log('Building the site (npm run site)...');
  if (!(await buildSite())) {
    if (!existsSync(siteDistDir)) {
      console.error(pc.red('The site failed to build (see above), and there is no earlier build to serve.'));
      process.exit(1);
    }
    console.error(pc.yellow('The site failed to build (see above): serving the previous build.'));
  }
}

const serveSite = sirv(siteDistDir, { dev: true }); // dev: pick up a rebuild without a restart
const server = http.createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://localhost').pathname === '/api/progress') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(lessonStatuses()));
    return;
  }
  serveSite(req, res, () => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found\n');
  });
});

try {
  await new Promise<void>((listening, failed) => server.once('error', failed).listen(port, HOST, listening));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(
    pc.red(`Port ${port} on ${HOST} is already in use`) +
      ` (is npm start already running in another terminal?). Stop that, or choose another port: PORT=${port + 1} npm start`,
  );
  process.exit(1);
}
const siteUrl = `http://${HOST}:${(server.address() as AddressInfo).port}/`;

console.log(`\nThe workshop is at ${pc.cyan(siteUrl)}\n\n${progressTable()}\n\n${nextStep(siteUrl)}\n\n${pc.dim('Ctrl+C stops the site.')}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('\nStopping the site.');
    server.close();
    server.closeAllConnections(); // a browser's keep-alive connections would hold close() open
  });
}
