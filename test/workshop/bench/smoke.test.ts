// The benchmark's smoke mode, as the full check runs it so that `npm run bench`
// cannot rot: it must finish (every known-wrong edit still applies, every
// server starts, is loaded and is stopped with nothing left running) and save
// a JSON whose every row has its numbers. The numbers themselves are not judged.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../../../lib/workspace.ts';

const RELOAD_COUNTS = ['workers', 'clients', 'rolls', 'seconds', 'sent', 'served', 'failed', 'p99Ms'];
const THROUGHPUT_COUNTS = ['workers', 'seconds', 'served', 'rps', 'p50Ms', 'p99Ms', 'errors'];
// Servers that run on every supported Node; reusePort (Node 22.12+) and a lesson not written yet may be skipped.
const ALWAYS_MEASURED = ['single', 'cluster-rr', 'cluster-none'];
const MIGRATE_REQ = '/proc/sys/net/ipv4/tcp_migrate_req';

type Saved = {
  node: string;
  cores: number;
  smoke: boolean;
  sections: Record<string, { settings: Record<string, any>; rows: Record<string, any>[] }>;
};

describe('npm run bench -- --smoke', () => {
  let run: Awaited<ReturnType<typeof runSmoke>>;
  beforeAll(async () => {
    run = await runSmoke();
  }, 170_000);
  // Why: when the run failed, each test says so with its output rather than with a TypeError.
  const section = (name: string) => {
    expect(run.saved?.sections[name], `no ${name} section was saved:\n${run.all}`).toBeDefined();
    return run.saved!.sections[name]!;
  };

  test('finishes, and prints and saves the Node version and the core count', () => {
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout, 'the printed header names the Node version and core count').toContain(
      `Node ${process.versions.node}, ${os.availableParallelism()} cores`,
    );
    expect(run.saved, 'the JSON says which machine and Node measured it').toMatchObject({
      node: process.versions.node,
      cores: os.availableParallelism(),
      smoke: true,
    });
  });

  test('saves the reload table with numbers in every row', () => {
    const { rows } = section('reload');
    expect(new Set(rows.map((row) => row.strategy)).size, "one row per strategy: stop-first, plain disconnect, the lesson's drain").toBe(3);
    for (const row of rows) {
      for (const count of RELOAD_COUNTS) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
      expect(row.served, `no request was served: ${JSON.stringify(row)}`).toBeGreaterThan(0);
      expect(
        Object.values<number>(row.failures).reduce((sum, count) => sum + count, 0),
        `the failures by code add up to failed: ${JSON.stringify(row)}`,
      ).toBe(row.failed);
    }
  });

  test('saves the reusePort roll table: the cluster measured, the launcher measured or skipped with its reason, and the sysctl it read', () => {
    const { rows, settings } = section('reuse-port-roll');
    expect(
      rows.map((row) => row.server),
      'one row for the cluster, one for the launcher',
    ).toEqual(['cluster-rr', 'reuse-port']);
    for (const row of rows) {
      if ('skipped' in row) {
        expect(row.server, `the cluster runs on every Node, yet it was skipped: ${row.skipped}`).toBe('reuse-port');
        expect(run.stdout, 'the reason the launcher was skipped is printed').toContain(row.skipped);
        continue;
      }
      for (const count of RELOAD_COUNTS) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
      expect(row.served, `no request was served: ${JSON.stringify(row)}`).toBeGreaterThan(0);
    }
    const readable = existsSync(MIGRATE_REQ);
    expect(settings.tcpMigrateReq, `the value of ${MIGRATE_REQ}, as read`).toBe(readable ? readFileSync(MIGRATE_REQ, 'utf8').trim() : null);
    expect(run.stdout, 'the sysctl is printed with the table').toContain(`net.ipv4.tcp_migrate_req = ${settings.tcpMigrateReq ?? 'unknown'}`);
  });

  test('saves the throughput table: every server on both routes, measured or skipped with a reason, no error on the trivial route', () => {
    const { rows } = section('throughput');
    for (const server of ['single', 'cluster-rr', 'cluster-none', 'reuse-port', 'thread-pool']) {
      const routes = rows.filter((row) => row.server === server).map((row) => row.route);
      expect(routes.sort(), `${server}: one row on the trivial route, one on the CPU-bound route`).toEqual(['cpu', 'trivial']);
    }
    for (const row of rows) {
      if ('skipped' in row) {
        expect(ALWAYS_MEASURED, `${row.server} runs on every Node, yet it was skipped: ${row.skipped}`).not.toContain(row.server);
        expect(row.skipped, `a skipped row says why: ${JSON.stringify(row)}`).toMatch(/\w{3}/);
        expect(run.stdout, `the reason ${row.server} was skipped is printed`).toContain(row.skipped);
        continue;
      }
      for (const count of THROUGHPUT_COUNTS) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
      expect(row.served, `no request was served: ${JSON.stringify(row)}`).toBeGreaterThan(0);
      expect(row.errors, `the errors by kind add up: ${JSON.stringify(row)}`).toBe(row.errorsBy.non2xx + row.errorsBy.failed + row.errorsBy.timeouts);
      if (row.route === 'trivial') expect(row.errors, `GET / failed under a light load: ${JSON.stringify(row)}`).toBe(0);
      if (row.server === 'single') expect(row.vsSingle, 'the single process is the baseline: × 1').toBe(1);
      else expect(row.vsSingle, `a ratio to the single process: ${JSON.stringify(row)}`).toEqual(expect.any(Number));
    }
    expect(run.stdout, 'one progress line as each run starts and as it ends').toMatch(
      /\[1\/\d+\] single process, GET \/: .*\n(.*\n)*.*\[1\/\d+\] single process, GET \/: \d+ req\/s/,
    );
  });

  test("saves the IPC cost table: lesson 8's and lesson 12's clusters on GET / in the same round, and their ratio", () => {
    const { rows, settings } = section('ipc');
    expect(
      rows.map((row) => [row.round, row.lesson]),
      'each round measures both servers, one after the other',
    ).toEqual([
      [1, 'lesson-8'],
      [1, 'lesson-12'],
    ]);
    for (const row of rows) {
      for (const count of THROUGHPUT_COUNTS) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
      expect(row.errors, `GET / failed under a light load: ${JSON.stringify(row)}`).toBe(0);
    }
    expect(settings.ratio, 'lesson 12 ÷ lesson 8, the medians of the rounds').toEqual(expect.any(Number));
  });

  test("saves the loop table: the first lesson's npm test, timed against its starter (failing) and its solution (passing), on this Node", () => {
    const { rows, settings } = section('loop');
    expect(
      rows.map((row) => [row.lesson, row.target, row.results]),
      'one run of each target: the starter fails and the solution passes',
    ).toEqual([
      ['lesson-1', 'starter', ['failed']],
      ['lesson-1', 'solution', ['passed']],
    ]);
    for (const row of rows) {
      expect(row.node, 'each row names its Node').toBe(process.versions.node);
      for (const count of ['medianS', 'minS', 'maxS', 'limitS']) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
      expect(row.medianS, `a run takes some time: ${JSON.stringify(row)}`).toBeGreaterThan(0);
      expect(row.overLimit, `over the target or not: ${JSON.stringify(row)}`).toBe(row.medianS > row.limitS);
    }
    const loadAverage = [expect.any(Number), expect.any(Number), expect.any(Number)];
    expect(settings.nodes, 'the Node, and its load average at the start and at the end of its runs').toEqual([
      { node: process.versions.node, loadAverage, loadAverageAtEnd: loadAverage },
    ]);
    expect(run.stdout, 'a table per Node, with the targets').toMatch(/Node \d+\.\d+\.\d+ \(load average .* at start, .* at end\)\nlesson +starter s/);
    expect(run.stdout).toContain('starter 8 s, solution 12 s at the most');
  });
});

async function runSmoke() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'workshop-bench-'));
  const out = path.join(folder, 'results.json');
  try {
    const result = await execa(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      cwd: repoRoot,
      env: { NO_COLOR: '1' },
      all: true,
      reject: false,
      timeout: 160_000,
    });
    let saved: Saved | undefined;
    try {
      saved = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      saved = undefined;
    }
    return { ...result, saved };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
