// Which copy of the lessons the tests run against (WORKSHOP_TARGET, WORKSHOP_LESSON_DIR): lib/lesson-entry.ts.
import { lessonEntry } from '../../lib/lesson-entry.ts';

export { lessonEntry };

// A module of the target's lesson folder, for a test that imports the learner's code ('lesson-9', 'messages.ts').
export function lessonModule(lesson: string, file: string): string {
  return lessonEntry(`${lesson}/${file}`);
}
