// The throughput benchmark's numbers as charts on the lesson pages (lessons 11
// and 12): read at build time from the learner's last `npm run bench`
// (bench/results/latest.json), else from the workshop's reference run
// (bench/results/reference.json), and drawn where the README has the marker
// `<!-- bench:throughput -->` (invisible on GitHub).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Markdown, { type Token } from 'markdown-it';
import type { ThroughputRow } from '../bench/throughput.ts';
import { repoRoot } from '../lib/workspace.ts';
import { barChart, type Bar } from './bar-chart.ts';
import { html, type SafeHtml } from './html.ts';

export const THROUGHPUT_MARKER = '<!-- bench:throughput -->';

// Why: on its own lesson's page, that lesson's server stands out among the others.
const PAGES: Record<string, string> = { 'lesson-11': 'reuse-port', 'lesson-12': 'thread-pool' };

// What the charts need of a saved result (bench/run.ts writes it).
export type BenchResults = {
  node: string;
  cores: number;
  cpu: string;
  platform: string;
  loadAverage?: number[]; // 1, 5, 15 minutes, at the start: other work skews every number
  date: string;
  smoke?: boolean;
  sections: { throughput?: { settings: { connections: number; seconds: number; cpuMs: number }; rows: ThroughputRow[] } };
};

export type BenchSource = { file: string; results: BenchResults };

const resultsDir = path.join(repoRoot, 'bench', 'results');
export const DEFAULT_SOURCES = [path.join(resultsDir, 'latest.json'), path.join(resultsDir, 'reference.json')];

// Why: the learner's own run wins, unless it has no throughput numbers (a smoke run, --only reload).
export function readBenchResults(files = DEFAULT_SOURCES): BenchSource | undefined {
  for (const file of files) {
    if (!existsSync(file)) continue;
    let results: BenchResults;
    try {
      results = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // a run interrupted while saving: the next file
    }
    if (!results.smoke && (results.sections?.throughput?.rows?.length ?? 0) > 0) return { file, results };
  }
  return undefined;
}

const ROUTES = [
  { route: 'trivial', name: 'trivial route' },
  { route: 'cpu', name: 'CPU-bound route' },
] as const;

const thousands = (value: number) => value.toLocaleString('en-US');

// Why: two charts per route (requests per second; p99 latency), with a caption that says where,
// when and with which Node the numbers were measured.
export function throughputFigure({ file, results }: BenchSource, lesson?: string): SafeHtml {
  const { rows, settings } = results.sections.throughput!;
  const highlight = lesson === undefined ? undefined : PAGES[lesson];
  const charts = ROUTES.flatMap(({ route, name }) => {
    const onRoute = rows.filter((row) => row.route === route);
    if (onRoute.length === 0) return [];
    const paths = `GET ${[...new Set(onRoute.map((row) => row.path))].join(' or ')}`;
    const subtitle = `${name[0]!.toUpperCase()}${name.slice(1)}: ${paths}${route === 'cpu' ? `, ${settings.cpuMs} ms of CPU per request` : ''}`;
    const bar = (row: ThroughputRow, value: (row: Extract<ThroughputRow, { rps: number }>) => [number, string]): Bar => {
      const shared = { label: row.label, highlight: row.server === highlight };
      if ('skipped' in row) return { ...shared, value: null, text: '', note: 'not measured (see below)', why: `not measured: ${row.skipped}` };
      const [number, text] = value(row);
      return { ...shared, value: number, text };
    };
    return [
      barChart({
        id: `bench-${route}-rps`,
        title: 'Requests per second (more is better)',
        subtitle,
        bars: onRoute.map((row) =>
          bar(row, (m) => [
            m.rps,
            `${thousands(m.rps)} req/s${m.vsSingle === null || m.server === 'single' ? '' : ` (×${m.vsSingle.toFixed(2)})`}${m.errors ? `, ${thousands(m.errors)} errors` : ''}`,
          ]),
        ),
      }),
      barChart({
        id: `bench-${route}-p99`,
        title: 'p99 latency (less is better)',
        subtitle,
        bars: onRoute.map((row) => bar(row, (m) => [m.p99Ms, `${thousands(m.p99Ms)} ms (p50 ${thousands(m.p50Ms)} ms)`])),
      }),
    ];
  });
  // Why here: a reason is too long for the chart.
  const skipped = [...new Map(rows.filter((row) => 'skipped' in row).map((row) => [row.label, `${row.label}: ${row.skipped}. `])).values()];
  const which = path.basename(file) === 'reference.json' ? "the workshop's reference run" : 'your last run of npm run bench';
  return html`<figure class="diagram bench-chart">
    ${charts}
    <figcaption>
      Measured by ${which} (bench/results/${path.basename(file)}) on ${results.date.slice(0, 10)}: Node ${results.node}, ${results.cpu}, ${results.cores} cores,
      ${results.platform}${results.loadAverage ? `, load average ${results.loadAverage[0]} at the start` : ''}. ${settings.connections} keep-alive connections
      for ${settings.seconds} s per bar, from a load generator on the same cores; × is the ratio to the single process. Run <code>npm run bench</code>, then
      <code>npm run site</code>, for your own machine's numbers.${skipped.length ? html` Not measured: ${skipped}` : ''}
    </figcaption>
  </figure>`;
}

// A chart page without the marker: the charts end the lesson's explanation, before the first of these sections.
const FALLBACK_BEFORE = ['your-task', 'check-it', 'run-the-tests'];

// Why: the marker becomes the charts; a chart page without the marker gets them
// before its task rather than not at all. No results: a note.
export function insertBenchCharts(tokens: Token[], lesson: string | undefined, read: () => BenchSource | undefined = readBenchResults): Token[] {
  const at = tokens.findIndex((token, i) => token.type === 'inline' && token.content.trim() === THROUGHPUT_MARKER && tokens[i - 1]?.type === 'paragraph_open');
  if (at === -1 && (lesson === undefined || !(lesson in PAGES))) return tokens;
  const source = read();
  const block = new Markdown.Token('html_block', '', 0);
  block.content = `${source ? throughputFigure(source, lesson).value : '<p><em>No throughput results yet: run <code>npm run bench</code>, then <code>npm run site</code>.</em></p>'}\n`;
  if (at !== -1) return [...tokens.slice(0, at - 1), block, ...tokens.slice(at + 2)];
  const next = tokens.findIndex((token) => token.type === 'heading_open' && FALLBACK_BEFORE.includes(String(token.attrGet('id'))));
  const before = next === -1 ? tokens.length : next;
  return [...tokens.slice(0, before), block, ...tokens.slice(before)];
}
