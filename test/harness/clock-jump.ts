// The lesson server contract's clock-jump aid: CLOCK_JUMP_FILE, with the
// preload lessons/shared/clock-jump.cjs in NODE_OPTIONS. While the file
// exists, Date.now() in every process of the server reads an hour ahead.
import type { LessonContext } from './lesson-server.ts';
import { preloadEnv } from './preload.ts';
import { startupFault } from './startup-fault.ts';

// Why: lessons 6 and 10 move the wall clock while the server runs; `env` goes into the server's environment.
export function clockJump(onTestFinished: LessonContext['onTestFinished']) {
  const { file, on } = startupFault(onTestFinished);
  return { env: { ...preloadEnv('clock-jump.cjs'), CLOCK_JUMP_FILE: file }, on };
}
