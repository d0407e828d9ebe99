// What each lesson offers in npm run lab comes from its lesson.json "lab": every
// lesson has an experiment to try, names only features the lab knows, and
// keeps what the earlier lessons added (a later server supports it all).
import { expect, test } from 'vitest';
import { labFeatures, labOf, listLessons } from '../../../lib/lessons.ts';

const lessons = listLessons();

test.each(lessons.map((lesson) => [lesson.name, lesson] as const))('%s has a lab experiment and names only features the lab has', (_name, lesson) => {
  expect(lesson.lab.try.trim(), `${lesson.name}/lesson.json: "lab": { "try": "..." }`).not.toBe('');
  expect(
    lesson.lab.adds.filter((feature) => !labFeatures.includes(feature)),
    `known: ${labFeatures.join(', ')}`,
  ).toEqual([]);
});

test('a lesson offers what the earlier lessons added: SIGHUP from lesson 8 on, /hang from lesson 10 on', () => {
  const offers = (number: number, feature: (typeof labFeatures)[number]) => labOf(lessons.find((lesson) => lesson.number === number)!).features.has(feature);
  expect([offers(5, 'kill'), offers(5, 'roll'), offers(8, 'roll'), offers(12, 'roll'), offers(9, 'hang'), offers(10, 'hang')]).toEqual([
    true,
    false,
    true,
    true,
    false,
    true,
  ]);
  expect(labOf(lessons.find((lesson) => lesson.number === 12)!).env).toMatchObject({ HANG_TIMEOUT_MS: '3000' });
});
