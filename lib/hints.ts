// A lesson's hints live in lessons/lesson-N/hints.md, one `## ` section per
// hint, from a nudge to a near-code last one; the heading names the hint.
import { existsSync, readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import type { Lesson } from './lessons.ts';

// One hint: its heading, and its body as Markdown (the terminal and the site render it).
export type Hint = { title: string; markdown: string };

// Why: markdown-it finds the headings, so a `## ` inside a code block is not taken for one.
export function readHints(lesson: Pick<Lesson, 'hintsFile'>): Hint[] {
  if (!existsSync(lesson.hintsFile)) return [];
  const text = readFileSync(lesson.hintsFile, 'utf8');
  const lines = text.split('\n');
  const tokens = new MarkdownIt().parse(text, {});
  const headings = tokens.flatMap((token, i) => (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [i] : []));
  return headings.map((at, n) => {
    const bodyStart = tokens[at]!.map![1];
    const bodyEnd = n + 1 < headings.length ? tokens[headings[n + 1]!]!.map![0] : lines.length;
    return { title: tokens[at + 1]!.content, markdown: lines.slice(bodyStart, bodyEnd).join('\n').trim() };
  });
}
