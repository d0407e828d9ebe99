// The throughput charts on a small fixture result: every number and label in
// the SVG as text, an accessible name and description, colours from the page
// (no hard-coded colour, no inline style, no request), the lesson's own server
// standing out, the caption naming machine, Node and date; the learner's run
// preferred to the reference; the marker in a README replaced by the charts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MarkdownIt } from 'markdown-it';
import type { ServerId } from '../../../bench/throughput-servers.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tight } from './tight-html.ts';
import { type BenchResults, type BenchSource, insertBenchCharts, readBenchResults, THROUGHPUT_MARKER, throughputFigure } from '../../../site/bench-charts.ts';
import { createSiteHighlighter } from '../../../site/highlighter.ts';
import { createMarkdown } from '../../../site/markdown.ts';

const measured = (server: ServerId, label: string, route: 'trivial' | 'cpu', rps: number, vsSingle: number, p50Ms: number, p99Ms: number, errors = 0) => ({
  server,
  label,
  lesson: 'lesson-x',
  workers: 2,
  route,
  path: route === 'cpu' ? '/slow?ms=5' : '/',
  seconds: 4,
  served: rps * 4,
  rps,
  p50Ms,
  p99Ms,
  errors,
  errorsBy: { non2xx: errors, failed: 0, timeouts: 0 },
  vsSingle,
});
const fixture: BenchResults = {
  node: '20.20.2',
  cores: 2,
  cpu: 'Fixture CPU @ 2.0GHz',
  platform: 'linux x64',
  loadAverage: [0.42, 0.5, 0.6],
  date: '2025-01-31T10:00:00.000Z',
  smoke: false,
  sections: {
    throughput: {
      settings: { connections: 16, seconds: 4, cpuMs: 5 },
      rows: [
        measured('single', 'single process', 'trivial', 9812, 1, 1, 4),
        measured('single', 'single process', 'cpu', 198, 1, 80, 91),
        measured('cluster-rr', 'cluster, round-robin', 'trivial', 7345, 0.75, 2, 13),
        measured('cluster-rr', 'cluster, round-robin', 'cpu', 371, 1.87, 43, 67, 3),
        {
          server: 'reuse-port' as const,
          label: 'reusePort launcher',
          lesson: 'lesson-11',
          workers: 2,
          route: 'trivial' as const,
          path: '/',
          skipped: 'Node 20.20.2 has no reusePort',
        },
        {
          server: 'reuse-port' as const,
          label: 'reusePort launcher',
          lesson: 'lesson-11',
          workers: 2,
          route: 'cpu' as const,
          path: '/slow?ms=5',
          skipped: 'Node 20.20.2 has no reusePort',
        },
        measured('thread-pool', 'thread pool, 2 threads', 'trivial', 9120, 0.93, 1, 5),
        measured('thread-pool', 'thread pool, 2 threads', 'cpu', 352, 1.78, 44, 58),
      ],
    },
  },
};
const source = { file: '/somewhere/bench/results/reference.json', results: fixture };

const svgs = (markup: string) => tight(markup).match(/<svg[\s\S]*?<\/svg>/g) ?? [];
const barClassOf = (svg: string, label: string) => new RegExp(`>${label}</text><rect class="([^"]+)"`).exec(svg)?.[1];

describe('the throughput figure', () => {
  const figure = throughputFigure(source).value;
  const charts = svgs(figure);

  test('has a requests-per-second chart and a p99 chart for each route', () => {
    expect(charts.length, 'two charts (req/s, p99) for each of the two routes').toBe(4);
    expect(charts.map((svg) => /<title id="[^"]+">([^<]*)<\/title>/.exec(svg)?.[1])).toEqual([
      expect.stringMatching(/^Requests per second.*: Trivial route: GET \/$/),
      expect.stringMatching(/^p99 latency.*: Trivial route: GET \/$/),
      expect.stringMatching(/^Requests per second.*: CPU-bound route: GET \/slow\?ms=5, 5 ms of CPU/),
      expect.stringMatching(/^p99 latency.*: CPU-bound route/),
    ]);
  });

  test('writes every number, ratio and server name as text, on the bars and in the description', () => {
    const [trivialRps, trivialP99, cpuRps, cpuP99] = charts as [string, string, string, string];
    for (const text of ['9,812 req/s', '7,345 req/s (×0.75)', '9,120 req/s (×0.93)']) expect(trivialRps, `the label "${text}"`).toContain(`>${text}</text>`);
    for (const text of ['198 req/s', '371 req/s (×1.87), 3 errors', '352 req/s (×1.78)']) expect(cpuRps, `the label "${text}"`).toContain(`>${text}</text>`);
    expect(trivialP99, 'p99 and p50 of the cluster on GET /').toContain('>13 ms (p50 2 ms)</text>');
    expect(cpuP99, 'p99 and p50 of the thread pool on the CPU route').toContain('>58 ms (p50 44 ms)</text>');
    for (const svg of charts) {
      for (const label of ['single process', 'cluster, round-robin', 'reusePort launcher', 'thread pool, 2 threads'])
        expect(svg, `the server label "${label}"`).toContain(`>${label}</text>`);
      expect(svg, 'a server that was not measured says so on its row').toMatch(/>reusePort launcher<\/text><text [^>]*>not measured/);
      const desc = /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
      expect(desc, 'the description lists every server, for a screen reader').toMatch(
        /single process: .*cluster, round-robin: .*reusePort launcher: not measured.*thread pool, 2 threads: /,
      );
    }
    expect(charts[0], 'and says why in the description').toMatch(/<desc[^>]*>[^<]*reusePort launcher: not measured: Node 20\.20\.2 has no reusePort/);
    expect(cpuRps, 'the description carries the numbers').toMatch(/<desc[^>]*>[^<]*cluster, round-robin: 371 req\/s \(×1\.87\)/);
  });

  test('draws bars in proportion to the numbers', () => {
    const widths = [...charts[0]!.matchAll(/<rect class="[^"]+" x="\d+" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths, 'one bar per measured server').toHaveLength(3);
    const [single, cluster, pool] = widths as [number, number, number];
    expect(cluster / single, 'bar lengths follow req/s (7,345 / 9,812)').toBeCloseTo(7345 / 9812, 1);
    expect(pool / single).toBeCloseTo(9120 / 9812, 1);
  });

  test('is an accessible image that takes its colours from the page and loads nothing', () => {
    for (const svg of charts) {
      const id = /aria-labelledby="([^" ]+) ([^"]+)"/.exec(svg);
      expect(svg, 'role="img": one picture to assistive technology').toContain('role="img"');
      expect(id, 'named by its <title> and described by its <desc>').not.toBeNull();
      expect(svg).toContain(`<title id="${id![1]}">`);
      expect(svg).toContain(`<desc id="${id![2]}">`);
      expect(svg, 'no colour written in the chart: the site CSS (light and dark) colours it').not.toMatch(
        /#[0-9a-f]{3,6}\b|rgb\(|fill="(?!currentColor)|stroke="/i,
      );
      expect(svg, 'no inline style: the CSP forbids it').not.toMatch(/style=/);
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', ''), 'no request leaves the page').not.toMatch(/https?:|href=/);
    }
    expect(new Set(figure.match(/ id="[^"]+"/g)).size, 'every id on the figure is unique').toBe(figure.match(/ id="/g)!.length);
  });

  test('says in its caption which run, machine, Node and date measured it', () => {
    const caption = /<figcaption>([\s\S]*)<\/figcaption>/.exec(figure)?.[1] ?? '';
    for (const fact of [
      'reference run',
      'reference.json',
      '2025-01-31',
      'Node 20.20.2',
      'Fixture CPU @ 2.0GHz',
      '2 cores',
      'linux x64',
      'load average 0.42',
      '16 keep-alive connections',
      '4 s',
    ]) {
      expect(caption, `the caption names ${fact}`).toContain(fact);
    }
    expect(caption, 'and why a server was not measured').toContain('reusePort launcher: Node 20.20.2 has no reusePort');
  });

  test("makes the page's own server stand out", () => {
    const onLesson12 = svgs(throughputFigure(source, 'lesson-12').value)[0]!;
    expect(barClassOf(onLesson12, 'thread pool, 2 threads'), "lesson 12's thread pool in the accent colour").toBe('d-active');
    expect(barClassOf(onLesson12, 'single process'), 'the other servers muted').toBe('d-muted');
    expect(barClassOf(charts[0]!, 'single process'), 'no lesson: every bar in the accent colour').toBe('d-active');
    const onLesson11 = svgs(throughputFigure(source, 'lesson-11').value)[0]!;
    expect(barClassOf(onLesson11, 'single process'), "lesson 11's server was not measured: nothing is muted").toBe('d-active');
  });
});

describe('the results the site reads', () => {
  let dir: string;
  const write = (name: string, results: object) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(results));
    return file;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-charts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("are the learner's last run when it measured throughput, else the reference", () => {
    const reference = write('reference.json', fixture);
    const latest = write('latest.json', { ...fixture, node: '24.0.0' });
    expect(readBenchResults([latest, reference])?.results.node, 'the last full run wins').toBe('24.0.0');
    const smoke = write('smoke.json', { ...fixture, smoke: true });
    expect(readBenchResults([smoke, reference])?.file, 'a smoke run has no meaningful numbers').toBe(reference);
    const reloadOnly = write('reload-only.json', { ...fixture, sections: { reload: { rows: [] } } });
    expect(readBenchResults([reloadOnly, reference])?.file, 'a run of --only reload has no throughput').toBe(reference);
    expect(readBenchResults([path.join(dir, 'missing.json'), reference])?.file, 'no run yet').toBe(reference);
    expect(readBenchResults([path.join(dir, 'missing.json')]), 'nothing to draw').toBeUndefined();
  });
});

describe('a README', () => {
  let md: MarkdownIt;
  const render = (markdown: string, lesson: string, read = (): BenchSource | undefined => source) => {
    const tokens = insertBenchCharts(md.parse(markdown, {}), lesson, read);
    return md.renderer.render(tokens, md.options, {});
  };
  beforeAll(async () => {
    md = createMarkdown(await createSiteHighlighter());
  });

  test('gets the charts where its marker is, and the marker is gone', () => {
    const page = render(`# Lesson 12\n\nBefore.\n\n${THROUGHPUT_MARKER}\n\nAfter.\n\n## Run the tests\n`, 'lesson-12');
    expect(page, 'the figure replaces the marker').toMatch(/<p>Before\.<\/p>\s*<figure class="diagram bench-chart">[\s\S]*<\/figure>\s*<p>After\.<\/p>/);
    expect(page, 'the marker itself is not shown').not.toContain('bench:throughput');
  });

  test('of lesson 11 or 12 without the marker gets them before its task; another lesson is left alone', () => {
    const markdown = '# Lesson\n\nText.\n\n## Your task\n\nDo it.\n\n## Check it\n\nnpm test\n';
    expect(render(markdown, 'lesson-11'), 'lesson 11 shows its charts even if the marker was forgotten').toMatch(
      /<p>Text\.<\/p>\s*<figure class="diagram bench-chart">[\s\S]*<\/figure>\s*<h2[^>]*id="your-task"/,
    );
    expect(render(markdown, 'lesson-3'), 'a lesson without the marker gets no chart').not.toContain('<svg');
  });

  test('with nothing measured yet says how to measure', () => {
    const page = render(`${THROUGHPUT_MARKER}\n`, 'lesson-11', () => undefined);
    expect(page, 'no chart, and a note to run the bench').toContain('npm run bench');
    expect(page).not.toContain('<svg');
  });
});
