// The lesson server contract's clock-jump aid (CLOCK_JUMP_FILE, with the
// preload lessons/shared/clock-jump.cjs in NODE_OPTIONS): while the file
// exists, Date.now() in every process of the server reads an hour ahead.
// Each test gets its own file, in a folder of its own that goes when the test ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../lib/workspace.ts';
import type { LessonContext } from './lesson-server.ts';

const PRELOAD = path.join(repoRoot, 'lessons', 'shared', 'clock-jump.cjs');

// Why: a test of a supervisor's clocks moves the wall clock while the server runs.
export function clockJump(onTestFinished: LessonContext['onTestFinished']) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workshop-clock-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'jump');
  // JSON.stringify quotes the path, which NODE_OPTIONS reads as one argument.
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(PRELOAD)}`].filter(Boolean).join(' ');
  return { env: { NODE_OPTIONS: nodeOptions, CLOCK_JUMP_FILE: file }, on: () => writeFileSync(file, '') };
}
