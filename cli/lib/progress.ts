// The learner's progress: each lesson's last test result (or that reset or
// solve replaced its files since), and the hints seen, kept in
// .workshop/progress.json so it survives restarts and never needs an account.
// Several commands may write at once (npm run hint during npm run watch): the
// file is replaced atomically, so a reader never sees half of it, and each
// update reads, changes and writes it under a lock, so none is lost.
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { repoRoot, stateDir } from '../../lib/workspace.ts';

// reset and solve: the files changed after the last test run, so its result no longer says anything.
// skipped: this Node cannot run the lesson's tests (needs says what it lacks), which is no verdict on the files.
export type LessonStatus = 'passed' | 'failing' | 'skipped' | 'not started' | 'reset' | 'solved';
export type LessonProgress = { status: LessonStatus; needs?: string; lastRun?: string; hintsShown: number };
type Saved = Record<string, Partial<LessonProgress>>;

const progressFile = path.join(stateDir, 'progress.json');
const shownName = path.relative(repoRoot, progressFile);

// An update holds the lock for milliseconds; one left by a writer that died is
// taken over once `stale`, and the retries wait longer than that.
const lockOptions = {
  realpath: false, // the file need not exist yet
  stale: 5_000,
  retries: { retries: 50, factor: 1.5, minTimeout: 10, maxTimeout: 200, randomize: true },
};

// The saved progress, {} before the first write; undefined when the file holds something else.
function load(): Saved | undefined {
  let text: string;
  try {
    text = readFileSync(progressFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const saved: unknown = JSON.parse(text);
    if (saved !== null && typeof saved === 'object' && !Array.isArray(saved)) return saved as Saved;
  } catch {
    // not JSON: undefined below
  }
  return undefined;
}

let warnedOfCorruption = false;
function readAll(): Saved {
  const saved = load();
  if (saved) return saved;
  if (!warnedOfCorruption) {
    console.error(`${shownName} is not valid progress, so every lesson shows as not started; the next test run or hint keeps a copy of it aside.`);
    warnedOfCorruption = true;
  }
  return {};
}

// A file that is not progress is kept, under another name, rather than written over.
function setCorruptFileAside(): Saved {
  const aside = `${progressFile}.corrupt-${new Date().toISOString().replaceAll(':', '-')}`;
  renameSync(progressFile, aside);
  console.error(`${shownName} was not valid progress: kept it as ${path.relative(repoRoot, aside)} and started a new one.`);
  return {};
}

// The change may depend on what is saved: it is read under the same lock.
type Change = Partial<LessonProgress> | ((saved: Partial<LessonProgress>) => Partial<LessonProgress>);
async function update(lesson: string, change: Change): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  const release = await lockfile.lock(progressFile, lockOptions);
  try {
    const all = load() ?? setCorruptFileAside();
    const saved = all[lesson] ?? {};
    all[lesson] = { ...saved, ...(typeof change === 'function' ? change(saved) : change) };
    await writeFileAtomic(progressFile, `${JSON.stringify(all, null, 2)}\n`);
  } finally {
    await release();
  }
}

// Why: every view of the progress (table, next step, /api/progress) reads it one way.
export function progressOf(lesson: string): LessonProgress {
  const saved = readAll()[lesson] ?? {};
  return { status: saved.status ?? 'not started', needs: saved.needs, lastRun: saved.lastRun, hintsShown: saved.hintsShown ?? 0 };
}

// Why: npm test and each re-run of npm run watch record what the learner's files did.
export function recordTestRun(lesson: string, passed: boolean): Promise<void> {
  return update(lesson, { status: passed ? 'passed' : 'failing', needs: undefined, lastRun: new Date().toISOString() });
}

// Why: a Node that cannot run the tests says nothing of the files, so a pass recorded on another Node stays.
export function recordTestSkipped(lesson: string, needs: string): Promise<void> {
  return update(lesson, (saved) => (saved.status === 'passed' ? {} : { status: 'skipped', needs, lastRun: new Date().toISOString() }));
}

// Why: npm run hint shows the next hint on its next run.
export function recordHintsShown(lesson: string, hintsShown: number): Promise<void> {
  return update(lesson, { hintsShown });
}

// Why: after reset or solve, the last result describes files that are gone.
export function recordFilesReplaced(lesson: string, status: 'reset' | 'solved'): Promise<void> {
  return update(lesson, { status });
}
