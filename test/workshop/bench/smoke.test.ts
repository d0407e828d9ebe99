// The benchmark's smoke mode, as the full check runs it so that `npm run bench`
// cannot rot: it must finish (every known-wrong edit still applies, every
// server starts, rolls and is stopped with nothing left running) and save a
// JSON whose every row has its numbers. The numbers themselves are not judged.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { expect, onTestFinished, test } from 'vitest';
import { repoRoot } from '../../../cli/lib/workspace.ts';

const COUNTS = ['workers', 'clients', 'rolls', 'seconds', 'sent', 'served', 'failed', 'p99Ms'];

test('npm run bench -- --smoke saves the reload table with the Node version, the core count and numbers in every row', { timeout: 45_000 }, async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'workshop-bench-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const out = path.join(folder, 'results.json');

  const run = await execa(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], { cwd: repoRoot, env: { NO_COLOR: '1' }, all: true, reject: false, timeout: 30_000 });
  expect(run.exitCode, run.all).toBe(0);
  expect(run.stdout, 'the printed header names the Node version and core count').toContain(`Node ${process.versions.node}, ${os.availableParallelism()} cores`);

  const saved = JSON.parse(readFileSync(out, 'utf8'));
  expect(saved).toMatchObject({ node: process.versions.node, cores: os.availableParallelism(), smoke: true });
  const { rows } = saved.sections.reload;
  expect(new Set(rows.map((row: { strategy: string }) => row.strategy)).size, 'one row per strategy: stop-first, plain disconnect, the lesson\'s drain').toBe(3);
  for (const row of rows) {
    for (const count of COUNTS) expect(row[count], `${count} in ${JSON.stringify(row)}`).toEqual(expect.any(Number));
    expect(row.served, `no request was served: ${JSON.stringify(row)}`).toBeGreaterThan(0);
    expect(Object.values<number>(row.failures).reduce((sum, count) => sum + count, 0), `the failures by code add up to failed: ${JSON.stringify(row)}`).toBe(row.failed);
  }
});
