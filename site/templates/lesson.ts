// A lesson page: its README, then hints revealed one at a time, the solution
// behind a click, and what the learner changes, from the starter to the solution, as a diff.
import { html, type SafeHtml } from '../html.ts';
import type { FileChange } from '../lesson-changes.ts';

// Everything a lesson page shows, already rendered.
export type LessonContent = {
  text: SafeHtml; // the README, rendered, with its figures
  hints: SafeHtml[];
  solution: { file: string; code: SafeHtml }[];
  changes: (Pick<FileChange, 'file' | 'status'> & { diff?: SafeHtml })[]; // no diff when unchanged
  before: string; // what the diff starts from, e.g. "solutions/lesson-2"
  after: string;
};

function hints(list: SafeHtml[]): SafeHtml | '' {
  if (list.length === 0) return '';
  return html`<section class="hints" aria-labelledby="lesson-hints">
    <h2 id="lesson-hints">Hints</h2>
    <p>Stuck? Each hint says a little more than the one before.</p>
    <ol class="hint-list" aria-live="polite">
      ${list.map((hint) => html`<li>${hint}</li>`)}
    </ol>
    <button class="hint-button needs-js" type="button">Show a hint</button>
  </section>`;
}

function solution(files: LessonContent['solution']): SafeHtml {
  return html`<section class="solution" aria-labelledby="lesson-solution">
    <h2 id="lesson-solution">Solution</h2>
    <details>
      <summary>Show the solution</summary>
      ${files.map(
        ({ file, code }) =>
          html`<h3 class="file-name">${file}</h3>
            ${code} `,
      )}
    </details>
  </section>`;
}

const statusNote: Record<FileChange['status'], string> = {
  added: 'new in this lesson',
  changed: '',
  unchanged: 'unchanged',
};

function changes({ changes: files, before, after }: LessonContent): SafeHtml {
  return html`<section class="changes" aria-labelledby="lesson-changes">
    <h2 id="lesson-changes">What changes in this lesson</h2>
    <p>From <code>${before}</code> to <code>${after}</code>, file by file: red lines go, green lines arrive. Like the solution, it gives the answer away.</p>
    <details>
      <summary>Show the changes</summary>
      ${files.map(
        ({ file, status, diff }) =>
          html`<h3 class="file-name">${file}${statusNote[status] && html` <span class="file-status">(${statusNote[status]})</span>`}</h3>
            ${diff} `,
      )}
    </details>
  </section>`;
}

// Why: every lesson page has the same parts in the same order.
export function lessonBody(content: LessonContent): SafeHtml {
  return html`<article class="lesson">${content.text} ${hints(content.hints)} ${solution(content.solution)} ${changes(content)}</article>`;
}
