// A lesson page: its README, what to try in the lab, then hints revealed one at a time, the solution
// behind a click, and what the learner changes, from the starter to the
// solution, as a diff of each edited file, then the files the lesson carries, listed.
import { html, type SafeHtml } from '../html.ts';
import type { FileChange } from '../lesson-changes.ts';

// Everything a lesson page shows, already rendered.
export type LessonContent = {
  text: SafeHtml; // the README, rendered, with its figures
  lab?: { lesson: string; experiment: SafeHtml }; // lesson.json's lab "try", rendered: what to try in npm run lab
  hints: { title: string; text: SafeHtml }[];
  solution: { file: string; code: SafeHtml }[]; // the files the learner edits
  changes: (Pick<FileChange, 'file' | 'status'> & { diff?: SafeHtml })[]; // no diff when unchanged
  carried: { file: string; isNew: boolean }[]; // the lesson's other files; new: no earlier lesson has it
  before: string; // what the diff starts from, e.g. "solutions/lesson-2"
  after: string;
};

function labNote(lab: LessonContent['lab']): SafeHtml | '' {
  if (!lab) return '';
  return html`<section class="lab-note" aria-labelledby="lesson-lab">
    <h2 id="lesson-lab">See it live</h2>
    <p>Run <code>npm run lab ${lab.lesson}</code> and open the page it prints: your server's processes, live. ${lab.experiment}</p>
  </section>`;
}

function hints(list: LessonContent['hints']): SafeHtml | '' {
  if (list.length === 0) return '';
  return html`<section class="hints" aria-labelledby="lesson-hints">
    <h2 id="lesson-hints">Hints</h2>
    <p>Stuck? Each hint says a little more than the one before.</p>
    <ol class="hint-list" aria-live="polite">
      ${list.map(
        ({ title, text }) =>
          html`<li>
            <h3 class="hint-title">${title}</h3>
            ${text}
          </li>`,
      )}
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

function carriedList(files: LessonContent['carried']): SafeHtml | '' {
  if (files.length === 0) return '';
  return html`<p>The lesson's other files you read but do not edit: they come unchanged from the previous lesson's solution, or are new here.</p>
    <ul class="carried-files">
      ${files.map(({ file, isNew }) => html`<li><code>${file}</code>${isNew ? html` <span class="file-status">(new in this lesson)</span>` : ''}</li>`)}
    </ul>`;
}

function changes({ changes: files, carried, before, after }: LessonContent): SafeHtml {
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
    ${carriedList(carried)}
  </section>`;
}

// Why: every lesson page has the same parts in the same order.
export function lessonBody(content: LessonContent): SafeHtml {
  return html`<article class="lesson">
    ${content.text} ${labNote(content.lab)} ${hints(content.hints)} ${solution(content.solution)} ${changes(content)}
  </article>`;
}
