// Pictures where a learner would rather look than read. Which picture goes on
// which lesson page, and at the top of which section, is this one table, so the
// READMEs stay plain markdown. The SVGs are inlined so they take their colours
// from the page (light or dark).
import { readFileSync } from 'node:fs';
import { html, raw, type SafeHtml } from './html.ts';

type Diagram = { file: string; section: string; caption: string };

const diagrams: Record<string, Diagram[]> = {
  'lesson-3': [
    {
      file: 'round-robin.svg',
      section: 'the-idea',
      caption: 'The primary accepts every connection on the port and hands each one to the next worker in turn (round-robin).',
    },
  ],
  'lesson-5': [
    {
      file: 'worker-replacement.svg',
      section: 'the-idea',
      caption: "A worker is killed; the primary hears 'exit' with the signal and forks a replacement, which serves once it is 'listening'.",
    },
  ],
};

const svg = (file: string): string => readFileSync(new URL(`assets/${file}`, import.meta.url), 'utf8').trim();

// A picture ready for the page, and the heading id of the section it goes in.
export type Figure = { section: string; markup: SafeHtml };

// Why: the lesson page asks for its figures by lesson name; most lessons have none.
export function figuresFor(lesson: string): Figure[] {
  return (diagrams[lesson] ?? []).map(({ file, section, caption }) => ({
    section,
    markup: html`<figure class="diagram">
      ${raw(svg(file))}
      <figcaption>${caption}</figcaption>
    </figure>`,
  }));
}
