// The learner's progress: the result of each lesson's last test run, kept in
// .workshop/progress.json so it survives restarts and never needs an account.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from './workspace.ts';

export type LessonStatus = 'passed' | 'failing' | 'not started';
export type LessonProgress = { status: LessonStatus; lastRun?: string; hintsShown: number };

const progressFile = path.join(stateDir, 'progress.json');

function readAll(): Record<string, Partial<LessonProgress>> {
  try {
    return JSON.parse(readFileSync(progressFile, 'utf8'));
  } catch {
    return {};
  }
}

function update(lesson: string, change: Partial<LessonProgress>): void {
  const all = readAll();
  all[lesson] = { ...all[lesson], ...change };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(progressFile, `${JSON.stringify(all, null, 2)}\n`);
}

export function progressOf(lesson: string): LessonProgress {
  const saved = readAll()[lesson] ?? {};
  return { status: saved.status ?? 'not started', lastRun: saved.lastRun, hintsShown: saved.hintsShown ?? 0 };
}

export function recordTestRun(lesson: string, passed: boolean): void {
  update(lesson, { status: passed ? 'passed' : 'failing', lastRun: new Date().toISOString() });
}

export function recordHintsShown(lesson: string, hintsShown: number): void {
  update(lesson, { hintsShown });
}
