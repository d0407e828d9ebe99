// The lab's page for a lesson, and the folder of the assets it loads: npm run
// lab serves both as they are, so the lab needs no site build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Markdown from 'markdown-it';
import type { LabFeature, Lesson } from '../lib/lessons.ts';
import { raw } from './html.ts';
import { labActions, labPage } from './templates/lab.ts';

// Why: site.css, site.js, lab.js and the icon, straight from the source folder.
export const labAssetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

// Why: the page says what lesson.json's lab "try" says, with its `code`, and offers the actions of `features` only.
export function labPageFor(lesson: Lesson, features: Set<LabFeature>): string {
  const experiment = raw(new Markdown({ html: false }).renderInline(lesson.lab.try || 'Start the load and watch the answers.'));
  return labPage({ name: lesson.name, number: lesson.number, title: lesson.title, experiment, actions: labActions(features) });
}
