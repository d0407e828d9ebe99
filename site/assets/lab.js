// The lab page's script (npm run lab): reads the lab's state (api/state) a
// few times a second and draws it: the process tree and the flow of requests
// in SVG, the same facts in a table, the load's numbers, the event log (a live
// region) and the server's output; the buttons post the lesson's actions.
// A classic script from the page's own origin, as the site's CSP allows.
'use strict';

(() => {
  const POLL_MS = 400;
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  let lastEventId = 0;
  let current;

  function element(name, attributes = {}, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const rate = (process) => `${process.answersPerSecond}/s`;
  const delay = (process) => (process.eventLoopDelayMs ? `loop p99 ${process.eventLoopDelayMs.p99.toFixed(1)} ms` : '');
  const described = (process) => `${process.role} ${process.pid} ${process.state}, ${rate(process)}${delay(process) ? `, ${delay(process)}` : ''}`;

  // A box for a process: its name, its state and answers per second, its loop delay.
  function box(process, x, y, width) {
    const group = element('g', { class: `lab-process lab-${process.state}` });
    group.append(element('rect', { class: `d-box ${process.role === 'worker' ? 'd-worker' : 'd-primary'}`, x, y, width, height: 54, rx: 6 }));
    group.append(element('text', { class: 'd-label', x: x + 10, y: y + 19 }, `${process.role} ${process.pid}`));
    // A primary hands out connections and answers none itself; a gone worker answers nothing more.
    const busy = ['primary', 'launcher'].includes(process.role) || process.state === 'gone' ? process.state : `${process.state} · ${rate(process)}`;
    group.append(element('text', { class: 'd-small', x: x + 10, y: y + 35 }, busy));
    if (delay(process)) group.append(element('text', { class: 'd-small d-muted', x: x + 10, y: y + 49 }, delay(process)));
    if (process.state === 'gone') group.append(element('path', { class: 'd-cross d-danger', d: `M${x + width - 26} ${y + 10} l16 16 m0 -16 l-16 16` }));
    return group;
  }

  // A line from one box to the next, as thick as its answers per second, moving while they flow.
  function flow(x1, y1, x2, y2, perSecond) {
    const width = perSecond > 0 ? Math.min(7, 1.5 + perSecond / 40) : 1.25;
    const midX = (x1 + x2) / 2;
    return element('path', {
      class: `d-line${perSecond > 0 ? ' lab-flowing' : ' lab-idle'}`,
      d: `M${x1} ${y1} C${midX} ${y1} ${midX} ${y2} ${x2} ${y2}`,
      'stroke-width': width,
    });
  }

  function drawPicture(state) {
    const svg = $('lab-svg');
    const [primary, ...workers] = state.processes;
    const rows = Math.max(1, workers.length);
    const height = Math.max(150, 30 + rows * 66);
    svg.setAttribute('viewBox', `0 0 720 ${height}`);
    const title = $('lab-svg-title');
    const summary = [`${described(primary)}`, ...workers.map(described)].join('; ');
    title.textContent = `The server's processes: ${summary}. Load: ${state.load.running ? `${state.load.answersPerSecond} answers/s` : 'off'}.`;
    svg.replaceChildren(title);
    const middle = height / 2 - 27;
    const load = state.load;
    const loadBox = element('g', { class: load.running ? 'lab-listening' : 'lab-off' });
    loadBox.append(element('rect', { class: 'd-box', x: 8, y: middle, width: 150, height: 54, rx: 6 }));
    loadBox.append(element('text', { class: 'd-label', x: 18, y: middle + 19 }, 'load'));
    const loadText = load.running ? `${load.clients} × ${load.connections}` : 'off';
    loadBox.append(element('text', { class: 'd-small', x: 18, y: middle + 35 }, loadText));
    if (load.running)
      loadBox.append(element('text', { class: 'd-small d-muted', x: 18, y: middle + 49 }, `${load.answersPerSecond}/s, ${failedCount(load)} failed`));
    svg.append(flow(158, middle + 27, 250, middle + 27, load.running ? load.answersPerSecond : 0), loadBox, box(primary, 250, middle, 180));
    workers.forEach((worker, i) => {
      const y = 15 + i * 66;
      svg.append(flow(430, middle + 27, 520, y + 27, worker.state === 'gone' ? 0 : worker.answersPerSecond), box(worker, 520, y, 192));
    });
  }

  const failedCount = (load) => Object.values(load.failed).reduce((sum, n) => sum + n, 0);
  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text ?? '–';
    return td;
  };

  function drawTable(state) {
    const rows = state.processes.map((process) => {
      const row = document.createElement('tr');
      const delayMs = process.eventLoopDelayMs ? `${process.eventLoopDelayMs.p99.toFixed(1)} ms` : undefined;
      row.append(
        cell(String(process.pid)),
        cell(process.role),
        cell(process.state),
        cell(String(process.answersPerSecond)),
        cell(delayMs),
        cell(process.served === undefined ? undefined : String(process.served)),
        cell(process.threads === undefined ? undefined : String(process.threads)),
      );
      row.className = `lab-${process.state}`;
      return row;
    });
    $('lab-processes').tBodies[0].replaceChildren(...rows);
    const stats = state.stats;
    $('lab-stats').textContent = stats ? `/stats: ${stats.total} answered in all, ${stats.exited.workers} workers exited, ${stats.restarts} restarts.` : '';
  }

  function drawLoad(load) {
    const failedBy = Object.entries(load.failed).map(([code, n]) => `${n} × ${code}`);
    const latency = (ms) => (ms === null ? '–' : `${ms.toFixed(1)} ms`);
    const facts = [
      ['load', load.running ? `on, ${load.clients} clients, ${load.connections}, ${load.secondsLeft} s left` : 'off'],
      ['answers/s', String(load.answersPerSecond)],
      ['sent', String(load.sent)],
      ['failed', failedBy.length > 0 ? `${failedCount(load)} (${failedBy.join(', ')})` : '0'],
      ['latency p50 / p99', `${latency(load.latencyMs.p50)} / ${latency(load.latencyMs.p99)}`],
    ];
    $('lab-load-numbers').replaceChildren(
      ...facts.flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.textContent = value;
        dd.dataset.fact = term;
        return [dt, dd];
      }),
    );
    $('lab-load').textContent = load.running ? 'Stop the load' : 'Start the load';
  }

  function drawLog(events) {
    const log = $('lab-log');
    const following = log.scrollHeight - log.scrollTop - log.clientHeight < 40; // at the end: keep up with what comes
    for (const event of events.filter((one) => one.id > lastEventId)) {
      const item = document.createElement('li');
      item.className = `lab-event lab-event-${event.kind}`;
      const time = document.createElement('span');
      time.className = 'lab-time';
      time.textContent = `${(event.atMs / 1000).toFixed(2)} s `;
      item.append(time, event.text);
      log.append(item);
      lastEventId = event.id;
    }
    while (log.children.length > 200) log.firstElementChild.remove();
    if (following) log.scrollTop = log.scrollHeight;
  }

  const statusText = (server) =>
    ({
      starting: `Starting ${server.entry}…`,
      ready: `${server.entry} is serving at ${server.url}.`,
      failed: `${server.entry} did not start: its output and the explanation are below.`,
      exited: `${server.entry} has exited (${server.exit?.signal ?? `code ${server.exit?.exitCode}`}). Start it again when you are ready.`,
    })[server.status];

  function draw(state) {
    current = state;
    $('lab-status').textContent = statusText(state.server);
    $('lab-output').textContent = state.server.failure ?? state.server.output;
    drawPicture(state);
    drawTable(state);
    drawLoad(state.load);
    drawLog(state.events);
    for (const button of document.querySelectorAll('.lab-action')) {
      button.disabled =
        state.server.status !== 'ready' && !['restart', 'fault'].includes(button.dataset.action) && !(button.dataset.action === 'load' && state.load.running);
      if (button.dataset.action === 'fault') button.setAttribute('aria-pressed', String(state.faultOn));
    }
  }

  async function poll() {
    try {
      const response = await fetch('api/state', { cache: 'no-store' });
      if (response.ok) draw(await response.json());
    } catch {
      $('lab-status').textContent = 'The lab is not answering: was it stopped (Ctrl+C)?';
    }
    setTimeout(poll, POLL_MS);
  }

  // The lab takes only POSTs that carry this header, which no other site's page can send it.
  async function post(path) {
    const response = await fetch(path, { method: 'POST', headers: { 'x-workshop-lab': '1' } });
    if (!response.ok) $('lab-status').textContent = (await response.json()).error;
  }

  function act(action) {
    if (action === 'load') {
      const connections = document.querySelector('input[name="connections"]:checked').value;
      return post(current?.load.running ? 'api/load/stop' : `api/load/start?connections=${connections}`);
    }
    if (action === 'restart') return post('api/restart');
    const ms = $('lab-ms')?.value ?? '2000';
    return post(`api/action?name=${encodeURIComponent(action)}&ms=${encodeURIComponent(ms)}`);
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const button of document.querySelectorAll('.lab-action')) button.addEventListener('click', () => act(button.dataset.action));
    poll();
  });
})();
