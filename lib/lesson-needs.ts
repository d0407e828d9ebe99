// What a lesson's tests need of the Node and platform that run them, when these lack it: the tests
// skip, and npm test and the progress say what is needed and the command that runs them anyway.
import { reusePortLack, type Lack } from './reuse-port.ts';

const needsOf: Record<string, () => Lack | undefined> = { 'lesson-11': () => reusePortLack() };

// Why: a skip is not a pass; the learner must learn what to install, not just see "4 skipped".
export function lackFor(lessonName: string): Lack | undefined {
  return needsOf[lessonName]?.();
}
