// The lab's page (npm run lab lesson-N): the frame and the controls, drawn
// once; assets/lab.js fills in the picture, the numbers and the log from the
// lab's state twice a second. The same facts are there as text, and the log
// is a live region, for a screen reader.
import type { LabFeature } from '../../lib/lessons.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageHead, siteTitle } from './layout.ts';

// What the page is about: the lesson, its experiment (rendered markdown) and the actions its server supports.
export type LabPage = { name: string; number: number; title: string; experiment: SafeHtml; actions: LabFeature[] };

// Each action's button, in the order the page shows them.
const actionLabels: Partial<Record<LabFeature, string>> = {
  kill: 'Kill a worker (SIGKILL)',
  slow: 'GET /slow?ms=…',
  work: 'GET /work?ms=…',
  crash: 'GET /crash',
  retire: 'GET /retire',
  hang: 'GET /hang',
  fault: 'Start-up fault on / off',
  roll: 'Roll (SIGHUP)',
  shutdown: 'Shut down (SIGTERM)',
};

// Why: the page names only the actions its lesson's server supports; the lab refuses the others too.
export function labActions(features: Iterable<LabFeature>): LabFeature[] {
  const offered = new Set(features);
  return (Object.keys(actionLabels) as LabFeature[]).filter((action) => offered.has(action));
}

function actionButtons(actions: LabFeature[]): SafeHtml {
  const takesMs = actions.some((action) => action === 'slow' || action === 'work');
  return html`<div class="lab-buttons">
      ${actions.map((action) => html`<button type="button" class="lab-action" data-action="${action}">${actionLabels[action]}</button> `)}
      <button type="button" class="lab-action" data-action="restart">Start the server again</button>
    </div>
    ${takesMs ? html`<p><label for="lab-ms">ms for /slow and /work</label> <input id="lab-ms" type="number" min="1" max="10000" step="1" value="2000" /></p>` : ''}`;
}

// Why: the whole page is this one template; everything that changes comes from /api/state.
export function labPage(lab: LabPage): string {
  const title = `Lab: lesson ${lab.number}, ${lab.title}`;
  return html`<!doctype html>
    <html lang="en" data-root="">
      ${pageHead(`${title} · ${siteTitle}`, '', html`<script defer src="assets/lab.js"></script>`)}
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="topbar">
          <span class="brand">${siteTitle} · lab</span>
          <button class="theme-toggle needs-js" type="button">☾ Dark</button>
        </header>
        <main id="main" class="lab">
          <h1>${title}</h1>
          <p class="lab-try"><strong>Try this:</strong> ${lab.experiment}</p>
          <p id="lab-status" class="lab-status" role="status">Starting the server…</p>
          <figure class="diagram lab-picture">
            <svg id="lab-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 200" role="img" aria-labelledby="lab-svg-title">
              <title id="lab-svg-title">The server's processes</title>
            </svg>
            <figcaption>The load (left) sends requests to the primary, which hands each connection to a worker; lines carry the answers per second.</figcaption>
          </figure>
          <div class="lab-columns">
            <div>
              <section class="lab-controls" aria-labelledby="lab-load-heading">
                <h2 id="lab-load-heading">Load</h2>
                <fieldset class="lab-connections">
                  <legend>Connections</legend>
                  <label><input type="radio" name="connections" value="fresh" checked /> fresh, one per request</label>
                  <label><input type="radio" name="connections" value="keep-alive" /> keep-alive, one per client</label>
                </fieldset>
                <button type="button" id="lab-load" class="lab-action" data-action="load">Start the load</button>
                <p class="lab-hint">A few clients on 127.0.0.1, each sending its next GET / once the last is answered; it stops by itself after 30 s.</p>
                <dl id="lab-load-numbers" class="lab-numbers"></dl>
              </section>
              <section class="lab-controls" aria-labelledby="lab-actions-heading">
                <h2 id="lab-actions-heading">Actions</h2>
                ${actionButtons(lab.actions)}
              </section>
            </div>
            <section aria-labelledby="lab-log-heading">
              <h2 id="lab-log-heading">Event log</h2>
              <ol id="lab-log" class="lab-log" aria-live="polite" tabindex="0"></ol>
            </section>
          </div>
          <section aria-labelledby="lab-processes-heading">
            <h2 id="lab-processes-heading">Processes</h2>
            <table id="lab-processes" tabindex="0">
              <thead>
                <tr>
                  <th scope="col">PID</th>
                  <th scope="col">role</th>
                  <th scope="col">state</th>
                  <th scope="col">answers/s</th>
                  <th scope="col">loop delay p99</th>
                  <th scope="col">served (/stats)</th>
                  <th scope="col">threads</th>
                </tr>
              </thead>
              <tbody></tbody>
            </table>
            <p id="lab-stats" class="lab-hint"></p>
          </section>
          <section aria-labelledby="lab-output-heading">
            <h2 id="lab-output-heading">The server's output</h2>
            <pre id="lab-output" class="lab-output" tabindex="0"></pre>
          </section>
        </main>
      </body>
    </html> `.value;
}
