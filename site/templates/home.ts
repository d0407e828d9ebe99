// The front page: what the workshop is and how to start (site/home.md), then
// every lesson with its one-line summary.
import { html, type SafeHtml } from '../html.ts';

// A lesson as the front page lists it.
export type LessonLink = { href: string; name: string; title: string; summary: SafeHtml };

// Why: the lesson list comes from lesson.json, so it is never out of date.
export function homeBody(intro: SafeHtml, lessons: LessonLink[]): SafeHtml {
  return html`<article class="home">
    ${intro}
    <h2 id="the-lessons">The lessons</h2>
    <ol class="lesson-list">
      ${lessons.map(
        (lesson) =>
          html`<li>
            <a href="${lesson.href}" data-lesson="${lesson.name}">${lesson.title}</a>
            <p>${lesson.summary}</p>
          </li> `,
      )}
    </ol>
  </article>`;
}
