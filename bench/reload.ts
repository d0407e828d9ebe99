// The reload section (lesson 8): what a rolling restart costs the clients.
// For WORKERS=1 and 2, under fresh and under keep-alive load, the same rolls
// are made by three servers: lesson 8's solution (start first, then drain) and
// two of its known-wrong answers (stop first; start first with a plain close).
import path from 'node:path';
import type { Connections } from '../lib/load.ts';
import { variantsFolder, writeVariant } from './lesson-variants.ts';
import { countColumns, listByCode, measureReload, type ReloadCounts } from './reload-run.ts';
import type { Section } from './section.ts';
import { formatTable, type Column } from './table.ts';

const LESSON = 'lesson-8';
const STRATEGIES = [
  // The old worker leaves before its replacement starts: WORKERS=1 has no worker for a while.
  { strategy: 'stop-first', wrongAnswer: 'the roll stops the old worker first, then starts the new one' },
  // Start first, but the old worker closes as http.Server.close() does (Node 19+): its idle keep-alive connections at once.
  { strategy: 'plain-disconnect', wrongAnswer: 'the drain closes idle keep-alive connections at once' },
  // The lesson: start first; Connection: close on the next answer; idle connections closed only after a grace.
  { strategy: 'lesson-8-drain', wrongAnswer: undefined },
] as const;
// The lesson 8 tests' loads: a few loops on a new connection per request, or 8 keep-alive connections.
const CLIENTS: Record<Connections, number> = { fresh: 4, 'keep-alive': 8 };
const SETTINGS = { rolls: 2, settleMs: 500, workers: [1, 2], connections: ['fresh', 'keep-alive'] as Connections[] };
// One server of each strategy, rolled once: enough to prove that every edit applies and every step runs.
const SMOKE_SETTINGS = { rolls: 1, settleMs: 200, workers: [1], connections: ['keep-alive'] as Connections[] };

type ReloadRow = { workers: number; connections: Connections; clients: number; strategy: string; rolls: number } & ReloadCounts;

const columns: Column<ReloadRow>[] = [
  { header: 'WORKERS', cell: (row) => row.workers },
  { header: 'load', cell: (row) => `${row.connections} ×${row.clients}` },
  { header: 'strategy', cell: (row) => row.strategy },
  { header: 'rolls', cell: (row) => row.rolls },
  ...countColumns<ReloadRow>(),
];

// Why: two counts that read wrong without it.
const LEGEND = `served, failed: requests, all client loops together. A loop sends its next request as soon as the last one ends,
so a port that refuses connections fails many quick ones. p99 ms: of the served requests, from sending to the end of the body.`;

// Why: `npm run bench` lists it among its sections.
export const reloadSection: Section = {
  name: 'reload',
  title: 'Rolling restart under load (lesson 8, SIGHUP)',
  async run({ smoke, progress }) {
    const { rolls, settleMs, workers, connections } = smoke ? SMOKE_SETTINGS : SETTINGS;
    const folder = variantsFolder();
    const servers = STRATEGIES.map(({ strategy, wrongAnswer }) => ({
      strategy,
      entry: writeVariant(path.join(folder, strategy), LESSON, wrongAnswer),
    }));
    const runs = workers.flatMap((poolSize) => connections.flatMap((load) => servers.map((server) => ({ ...server, poolSize, load }))));
    const rows: ReloadRow[] = [];
    for (const [i, { strategy, entry, poolSize, load }] of runs.entries()) {
      const clients = CLIENTS[load];
      const counts = await measureReload({ entry, name: `${LESSON} (${strategy})`, workers: poolSize, connections: load, clients, rolls, settleMs });
      rows.push({ workers: poolSize, connections: load, clients, strategy, rolls, ...counts });
      progress(
        `[${i + 1}/${runs.length}] WORKERS=${poolSize}, ${load}, ${strategy}: ${counts.served} served, ${counts.failed} failed${counts.failed ? ` (${listByCode(counts.failures)})` : ''} in ${counts.seconds} s`,
      );
    }
    return { settings: { rolls, settleMs }, rows, table: `${formatTable(columns, rows)}\n\n${LEGEND}` };
  },
};
