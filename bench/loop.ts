// The loop section: how long a learner waits for an answer. For every lesson,
// the wall time of `npm test lesson-N` against its untouched starter (the red
// answer a learner starts from) and against its solution (the green one), the
// median of a few runs, on this Node and on Node 24, against the targets the
// workshop sets itself. A row over its target is marked, never failed: the
// numbers depend on the machine and on what else runs on it.
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { listLessons } from '../lib/lessons.ts';
import { repoRoot, solutionsDir, startersDir } from '../lib/workspace.ts';
import { timeLearnerRun, type LoopResult } from './loop-run.ts';
import { percentile } from './percentile.ts';
import type { Section } from './section.ts';
import { formatTable, type Column } from './table.ts';
import { loadAverage } from './machine.ts';

// Why: what the learner runs against, what it should answer, and in how long at most (median
// seconds, on a 2-core machine with nothing else running).
const TARGETS = [
  { target: 'starter', folder: startersDir, expected: 'failed', limitS: 8 },
  { target: 'solution', folder: solutionsDir, expected: 'passed', limitS: 12 },
] as const;
type Target = (typeof TARGETS)[number]['target'];

const SETTINGS = { runs: 3, lessons: undefined as number | undefined };
// One lesson, one run of each target, on this Node: proves that the runs start, answer and are timed.
const SMOKE_SETTINGS = { runs: 1, lessons: 1 };
// The second Node measured when neither --node nor WORKSHOP_NODES says otherwise: the one CI's timings are read on.
const OTHER_MAJOR = 24;

// Why: one row of the saved JSON: one lesson against one target on one Node.
export type LoopRow = {
  node: string;
  lesson: string;
  target: Target;
  expected: LoopResult;
  results: LoopResult[]; // one per run, in order
  seconds: number[];
  medianS: number;
  minS: number;
  maxS: number;
  limitS: number;
  overLimit: boolean;
};

type NodeToTime = { bin: string; version: string };
type Timed = { seconds: number; result: LoopResult };

// Why: `npm run bench` lists it among its sections.
export const loopSection: Section = {
  name: 'loop',
  title: "The learner's loop: npm test lesson-N against the untouched starter and against the solution",
  async run({ smoke, progress, node }) {
    const { runs, lessons: lessonCount } = smoke ? SMOKE_SETTINGS : SETTINGS;
    const lessons = listLessons()
      .slice(0, lessonCount)
      .map((lesson) => lesson.name);
    const { nodes, missing } = smoke ? { nodes: [thisNode()], missing: undefined } : await nodesToTime(node);
    if (missing) progress(missing);
    const perNode = [];
    for (const each of nodes) perNode.push(await timeOnNode(each, lessons, runs, progress));
    const tables = perNode.map(
      ({ node, loadAverage, loadAverageAtEnd, rows }) =>
        `Node ${node} (load average ${loadAverage.join(' ')} at start, ${loadAverageAtEnd.join(' ')} at end)\n${formatTable(columns, pairUp(rows))}`,
    );
    return {
      settings: {
        runs,
        limitsS: Object.fromEntries(TARGETS.map(({ target, limitS }) => [target, limitS])),
        cores: os.availableParallelism(),
        nodes: perNode.map(({ node, loadAverage, loadAverageAtEnd }) => ({ node, loadAverage, loadAverageAtEnd })),
      },
      rows: perNode.flatMap(({ rows }) => rows),
      table: [...tables, ...(missing ? [missing] : []), legend(runs)].join('\n\n'),
    };
  },
};

// Run after run over every lesson, rather than one lesson's runs in a row: a burst of load elsewhere spreads over the lessons.
async function timeOnNode({ bin, version }: NodeToTime, lessons: string[], runs: number, progress: (line: string) => void) {
  const loadAtStart = loadAverage();
  progress(`Node ${version}, load average at start ${loadAtStart.join(' ')}`);
  const timed = new Map<string, Timed[]>(lessons.flatMap((lesson) => TARGETS.map(({ target }) => [`${lesson} ${target}`, []])));
  const total = runs * lessons.length * TARGETS.length;
  for (let run = 0, done = 0; run < runs; run++) {
    for (const lesson of lessons) {
      for (const { target, folder } of TARGETS) {
        const measured = await timeLearnerRun(bin, lesson, path.relative(repoRoot, folder));
        timed.get(`${lesson} ${target}`)!.push(measured);
        progress(`[${++done}/${total}] Node ${version}, npm test ${lesson} against the ${target}: ${measured.seconds.toFixed(1)} s, ${measured.result}`);
      }
    }
  }
  const rows = lessons.flatMap((lesson) =>
    TARGETS.map(({ target, expected, limitS }): LoopRow => {
      const runsHere = timed.get(`${lesson} ${target}`)!;
      const seconds = runsHere.map((each) => each.seconds);
      const medianS = percentile(seconds, 50)!;
      const results = runsHere.map((each) => each.result);
      return {
        node: version,
        lesson,
        target,
        expected,
        results,
        seconds,
        medianS,
        minS: Math.min(...seconds),
        maxS: Math.max(...seconds),
        limitS,
        overLimit: medianS > limitS,
      };
    }),
  );
  return { node: version, loadAverage: loadAtStart, loadAverageAtEnd: loadAverage(), rows };
}

// Why: a table line shows a lesson's starter and solution side by side.
type LessonLine = Record<Target, LoopRow> & { lesson: string };
function pairUp(rows: LoopRow[]): LessonLine[] {
  const lessons = [...new Set(rows.map((row) => row.lesson))];
  return lessons.map((lesson) => {
    const of = (target: Target) => rows.find((row) => row.lesson === lesson && row.target === target)!;
    return { lesson, starter: of('starter'), solution: of('solution') };
  });
}

const median = (row: LoopRow) => `${row.medianS.toFixed(1)}${row.overLimit ? ` > ${row.limitS}` : ''}`;
const range = (row: LoopRow) => (row.seconds.length > 1 ? `${row.minS.toFixed(1)}-${row.maxS.toFixed(1)}` : '-');
// A run that did not answer as it should ("passed" for a starter) is shown, with how often.
const answers = (row: LoopRow) => {
  const unexpected = row.results.filter((result) => result !== row.expected);
  return unexpected.length === 0 ? row.expected : `${[...new Set(unexpected)].join(', ')} ${unexpected.length}/${row.results.length}!`;
};

const columns: Column<LessonLine>[] = [
  { header: 'lesson', cell: (line) => line.lesson },
  { header: 'starter s', cell: (line) => median(line.starter) },
  { header: 'min-max', cell: (line) => range(line.starter) },
  { header: 'answer', cell: (line) => answers(line.starter) },
  { header: 'solution s', cell: (line) => median(line.solution) },
  { header: 'min-max', cell: (line) => range(line.solution) },
  { header: 'answer', cell: (line) => answers(line.solution) },
];

// Why: the numbers read wrong without what they time and what they are held to.
const legend = (runs: number) => `starter s, solution s: wall time of npm test lesson-N (WORKSHOP_TARGET=.workshop/starters, or =solutions), from start to exit,
the median of ${runs} run${runs > 1 ? 's' : ''}, min-max over them. "> N": over the target, ${TARGETS.map(({ target, limitS }) => `${target} ${limitS} s`).join(', ')} at the most,
on a 2-core machine with nothing else running (this one: ${os.availableParallelism()} cores). Other work on the machine slows every run: see the load average.
answer: what npm test said; a starter must fail and a solution pass ("!" marks runs that did otherwise; lesson 11 skips on a Node without reusePort).`;

// This Node, and the other one: `chosen` (--node) or else the Node 24 among WORKSHOP_NODES (paths
// separated by ':', as for npm run check). One that is missing or does not run is said, not measured.
async function nodesToTime(chosen: string | undefined): Promise<{ nodes: NodeToTime[]; missing?: string }> {
  const nodes = [thisNode()];
  const candidates = chosen ? [chosen] : (process.env.WORKSHOP_NODES ?? '').split(path.delimiter).filter(Boolean);
  const found = await Promise.all(candidates.map(async (bin) => ({ bin, version: await versionOf(bin) })));
  const other = chosen ? found[0] : found.find(({ version }) => version?.split('.')[0] === String(OTHER_MAJOR));
  if (!other) {
    if (process.versions.node.startsWith(`${OTHER_MAJOR}.`)) return { nodes };
    return { nodes, missing: `Node ${OTHER_MAJOR} not measured: name one with --node, or in WORKSHOP_NODES` };
  }
  if (!other.version) return { nodes, missing: `${other.bin} not measured: it does not run` };
  if (other.version !== process.versions.node) nodes.push({ bin: other.bin, version: other.version });
  return { nodes };
}

const thisNode = (): NodeToTime => ({ bin: process.execPath, version: process.versions.node });

async function versionOf(bin: string): Promise<string | undefined> {
  const run = await execa(bin, ['--version'], { reject: false });
  return run.exitCode === 0 ? run.stdout.trim().replace(/^v/, '') : undefined;
}
