// npm run check: the whole workshop proven in one command (what CI runs).
// Typecheck and format check; then, on this Node and on each one WORKSHOP_NODES names: every
// lesson passes against solutions/ (two Nodes at a time); the final server keeps every promise:
// each lesson's tests from lesson 3 on (the first cluster) pass against the last lesson's
// solution, lesson 11's against its launcher.ts (two Nodes at a time, once the solutions are
// proven); every lesson FAILS against a pristine copy of its starter (so no lesson passes
// without the learner's work); each known-wrong answer fails too, on one of the Nodes (spread
// over them, all Nodes at once); last, the workshop's own tests. A lesson whose tests skip on a
// Node (lesson 11 needs reusePort) is reported as skipped there, never as passed. Every row
// names the Node it ran on. Ends with one plain line, "N passed, N failed", that CI reads.
// `npm run check -- --only final` runs the final server's phase alone.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { pc } from '../lib/colour.ts';
import { findLesson, lessonFiles, listLessons } from '../lib/lessons.ts';
import type { FileResult } from './lib/file-result.ts';
import { runVitest, testFileOf, workshopTestDir } from './lib/run-lesson-tests.ts';
import { repoRoot, startersDir, stateDir } from '../lib/workspace.ts';
import { knownWrong, type KnownWrong } from '../lib/known-wrong.ts';
import { writeKnownWrong } from '../lib/known-wrong-copy.ts';
import { checkCourse } from '../lib/course-check.ts';

let passed = 0;
let failed = 0;
const skipped: string[] = [];
function report(ok: boolean, what: string, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? pc.green('✓') : pc.red('✗')} ${what}`);
  if (!ok && detail) console.log(detail.trimEnd().replace(/^/gm, '    '));
}
function reportSkipped(what: string, why: string): void {
  skipped.push(what);
  console.log(`${pc.yellow('-')} ${what} (skipped: ${why}; not counted as passed)`);
}

const lessons = listLessons();
const lessonTestFiles = lessons.map(testFileOf);
const thisNode = `Node ${process.versions.node}`;
// Extra node binaries, separated by ':' (CI names 22, 24 and 26): the lessons are proven on each.
const extraNodes = (process.env.WORKSHOP_NODES ?? '').split(path.delimiter).filter(Boolean);

// The last lesson's solution is the server a learner ends with; lessons 1 and 2 build the single process it clusters.
const FIRST_CLUSTER_LESSON = 3;
const finalServer = lessons.at(-1)!;
const finalServerDir = path.relative(repoRoot, finalServer.solutionDir);
const promisesKept = lessons.filter((lesson) => lesson.number >= FIRST_CLUSTER_LESSON && lesson !== finalServer);
// Runs that must pass go two Nodes at a time, so each runs fewer of a file's tests at once than a learner's
// lone run does: the timing tests' baselines hold with a few servers beside them, not with ten.
const MUST_PASS_CONCURRENCY = 2;

if (onlyPhase() === 'final') {
  await provePromisesKept(await runnableNodes());
  process.exit(summary());
}

console.log(pc.bold('Typecheck and format'));
const tsc = await execa('tsc', ['--noEmit'], { cwd: repoRoot, preferLocal: true, reject: false, all: true });
report(tsc.exitCode === 0, `tsc --noEmit (${thisNode})`, tsc.all);
const prettier = await execa('prettier', ['--check', '.'], { cwd: repoRoot, preferLocal: true, reject: false, all: true });
report(prettier.exitCode === 0, 'prettier --check . (the house style; npm run format writes it)', prettier.all);

// The ladder and the carried files, as npm run dev -- check proves them: one row per problem.
console.log(pc.bold('\nThe course'));
const course = checkCourse();
for (const { file, message } of course.problems) report(false, `${file}: ${message}`);
if (course.problems.length === 0) report(true, `the course ladder and carried files (${course.filesChecked} files checked)`);

// Lessons whose pristine starter was copied at install (a missing copy must not count as "fails").
const startersToProve = lessons.filter((lesson) => {
  const copied = lessonFiles(lesson).every((file) => existsSync(path.join(lesson.starterDir, file)));
  if (!copied)
    report(
      false,
      `${lesson.name}: a pristine copy of its starter`,
      `${path.relative(repoRoot, lesson.starterDir)} is missing or incomplete: run npm install (it copies the starters after install).`,
    );
  return copied;
});
noteChangedStarters();
// Each variant lives inside the repository, so that '#app' still resolves.
const variantsDir = path.join(stateDir, 'known-wrong');
const variants = writeVariants();

const nodes = await runnableNodes();

let phaseStarted = Date.now();
console.log(
  `${pc.bold('\nEvery lesson passes against solutions/')} ${pc.dim('(two Nodes at a time: the timing tests judge by baselines taken in the same test, which hold with one other run beside them)')}`,
);
await twoNodesAtATime(nodes, async (node) => {
  node.solutions = await proveSolutionsPass(node);
});
console.log(pc.dim(`(${secondsSince(phaseStarted)} s)`));

await provePromisesKept(nodes);

phaseStarted = Date.now();
console.log(pc.bold('\nEvery lesson fails against its untouched starter, and against each known-wrong answer'));
if (nodes.length > 1)
  console.log(
    pc.dim('(every Node at once, the known-wrong answers spread over them: these runs spend most of their time waiting for what a wrong answer never does)'),
  );
const variantsFor = spreadVariants();
await Promise.all(nodes.map((node) => proveWrongAnswersFail(node, variantsFor.get(node) ?? [])));
console.log(pc.dim(`(${secondsSince(phaseStarted)} s)`));
rmSync(variantsDir, { recursive: true, force: true });

if (existsSync(path.join(repoRoot, workshopTestDir))) {
  console.log(pc.bold(`\nThe workshop itself (${thisNode})`));
  const own = await runVitest([workshopTestDir], { quiet: true });
  if (own.results.size === 0) report(false, `tests under ${workshopTestDir} (${thisNode})`, own.output);
  for (const [file, result] of own.results) {
    if (result === 'skipped') reportSkipped(`${file} (${thisNode})`, 'see its test names');
    else report(result === 'passed', `${file} (${thisNode})`);
  }
  if ([...own.results.values()].includes('failed')) console.log(own.output);
}

process.exitCode = summary();

// The closing lines, "N passed, N failed" last, for CI; the exit code to end with.
function summary(): number {
  if (skipped.length > 0) console.log(`\n${skipped.length} skipped, not counted as passed:\n${skipped.map((what) => `  ${what}`).join('\n')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// --only final: one phase alone, for whoever changes a later lesson; anything else is refused (exit 2).
function onlyPhase(): 'final' | undefined {
  const usage = 'Usage: npm run check [-- --only final]';
  try {
    const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
    if (values.only === undefined || values.only === 'final') return values.only;
    console.error(`Unknown phase: ${values.only}\n\n${usage}`);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
  }
  process.exit(2);
}

// on: "Node 24.21.0", for the rows; solutions: each lesson's result against its solution there.
type NodeToRun = { bin: string; on: string; solutions?: Map<string, FileResult> };
type Variant = ReturnType<typeof writeVariants>[number];

// This Node and those WORKSHOP_NODES names; a binary that does not run is reported, and left out.
async function runnableNodes(): Promise<NodeToRun[]> {
  const found = await Promise.all(
    [process.execPath, ...extraNodes].map(async (bin) => {
      const version = await execa(bin, ['--version'], { reject: false });
      if (version.exitCode === 0) return [{ bin, on: `Node ${version.stdout.trim().replace(/^v/, '')}` }];
      report(false, `${bin} runs, for the lessons on it`, version.stderr || version.message);
      return [];
    }),
  );
  return found.flat();
}

async function proveSolutionsPass(node: NodeToRun): Promise<Map<string, FileResult>> {
  const solutions = await runVitest(lessonTestFiles, { target: 'solutions', quiet: true, node: node.bin, maxConcurrency: MUST_PASS_CONCURRENCY });
  const results = new Map(lessons.map((lesson) => [lesson.name, solutions.resultFor(testFileOf(lesson))]));
  for (const [name, result] of results) {
    const what = `${name} passes against its solution (${node.on})`;
    if (result === 'skipped') reportSkipped(what, 'its tests say what this Node lacks');
    else report(result === 'passed', what);
  }
  if ([...results.values()].includes('failed')) console.log(solutions.output);
  return results;
}

// The timing tests judge by baselines taken in the same test, which hold with one other run beside them.
async function twoNodesAtATime(nodesToRun: NodeToRun[], run: (node: NodeToRun) => Promise<void>): Promise<void> {
  for (let i = 0; i < nodesToRun.length; i += 2) await Promise.all(nodesToRun.slice(i, i + 2).map(run));
}

// The server a learner ends with does what every earlier lesson taught: their tests, in one
// vitest run per Node, against the last lesson's folder (WORKSHOP_LESSON_DIR, test/harness/target.ts).
async function provePromisesKept(nodesToRun: NodeToRun[]): Promise<void> {
  const started = Date.now();
  console.log(
    `${pc.bold(`\nThe final server, ${finalServerDir}, keeps every promise: the tests of lessons ${promisesKept[0]?.number}-${promisesKept.at(-1)?.number} pass against it`)} ${pc.dim('(two Nodes at a time)')}`,
  );
  await twoNodesAtATime(nodesToRun, async (node) => {
    const run = await runVitest(promisesKept.map(testFileOf), {
      lessonDir: finalServerDir,
      quiet: true,
      node: node.bin,
      maxConcurrency: MUST_PASS_CONCURRENCY,
    });
    for (const lesson of promisesKept) {
      const what = `${lesson.name}'s tests pass against the final server, ${finalServerDir} (${node.on})`;
      const result = run.resultFor(testFileOf(lesson));
      if (result === 'skipped') reportSkipped(what, 'its tests say what this Node lacks');
      else report(result === 'passed', what);
    }
    if (promisesKept.some((lesson) => run.resultFor(testFileOf(lesson)) === 'failed')) console.log(run.output);
  });
  console.log(pc.dim(`(${secondsSince(started)} s)`));
}

// Each known-wrong answer runs once, on the least busy Node where its lesson's tests run (not skip).
function spreadVariants(): Map<NodeToRun, Variant[]> {
  const spread = new Map<NodeToRun, Variant[]>(nodes.map((node) => [node, []]));
  for (const variant of variants) {
    const able = nodes.filter((node) => node.solutions?.get(variant.variant.lesson) !== 'skipped');
    const what = `${variant.variant.lesson} fails when ${variant.variant.name}`;
    if (able.length === 0) reportSkipped(what, `${variant.variant.lesson}'s tests skip on every Node here`);
    else spread.get(able.reduce((least, node) => (spread.get(node)!.length < spread.get(least)!.length ? node : least)))!.push(variant);
  }
  return spread;
}

// One failing test proves that a lesson fails, so these runs stop at the first (--bail).
async function proveWrongAnswersFail(node: NodeToRun, variantsHere: Variant[]): Promise<void> {
  for (const lesson of startersToProve) {
    const what = `${lesson.name} fails against its starter (${node.on})`;
    if (node.solutions?.get(lesson.name) === 'skipped') reportSkipped(what, 'its tests skip on this Node');
    else await proveFails(testFileOf(lesson), startersDir, node, what, "the learner's change");
  }
  for (const { variant, root, testFile } of variantsHere) {
    await proveFails(testFile, root, node, `${variant.lesson} fails when ${variant.name} (${node.on})`, 'this wrong answer');
  }
}

async function proveFails(testFile: string, target: string, node: NodeToRun, what: string, without: string): Promise<void> {
  const run = await runVitest([testFile], { target, quiet: true, node: node.bin, bail: true });
  if (run.ran && run.resultFor(testFile) === 'skipped') return reportSkipped(what, 'its tests skipped');
  const detail = run.ran ? `every test in ${testFile} passes without ${without}: it tests nothing\n${run.output}` : `vitest did not run:\n${run.output}`;
  // A run that ended non-zero failed, whatever its file's tests say (a bail can stop a test before its verdict).
  report(run.ran && (!run.passed(testFile) || run.exitCode !== 0), what, detail);
}

function secondsSince(started: number): number {
  return Math.round((Date.now() - started) / 1000);
}

// A maintainer who changed a starter must re-take the copy, or the starter phase checks the old one.
function noteChangedStarters(): void {
  for (const lesson of startersToProve) {
    for (const file of lessonFiles(lesson)) {
      const pristine = path.join(lesson.starterDir, file);
      if (existsSync(pristine) && readFileSync(pristine, 'utf8') !== readFileSync(path.join(lesson.dir, file), 'utf8')) {
        console.log(
          pc.yellow(
            `  note: lessons/${lesson.name}/${file} differs from the copy taken at install, which is what is checked here (if a starter changed, delete .workshop/starters and run npm install)`,
          ),
        );
      }
    }
  }
}

// Each known-wrong answer as a copy of its lesson's solution with the edits made, written once for
// every Node. One whose edits no longer apply is reported here, once, as a failure.
function writeVariants(): { variant: KnownWrong; root: string; testFile: string }[] {
  rmSync(variantsDir, { recursive: true, force: true });
  return knownWrong.flatMap((variant, i) => {
    const lesson = findLesson(variant.lesson);
    const what = `${variant.lesson} fails when ${variant.name}`;
    if (!lesson) {
      report(false, what, `there is no ${variant.lesson}: update lib/known-wrong.ts`);
      return [];
    }
    const root = path.join(variantsDir, String(i));
    try {
      writeKnownWrong(variant, root);
    } catch (error) {
      report(false, what, (error as Error).message);
      return [];
    }
    return [{ variant, root, testFile: testFileOf(lesson) }];
  });
}
