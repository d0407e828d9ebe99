// The site's only script: theme toggle, phone menu, copy buttons, hints,
// search, progress ticks and folded sections. A classic script, not a module (modules do not
// load from file://), run from <head> so the saved theme applies before the
// first paint; everything else waits for the document.
'use strict';

(() => {
  const html = document.documentElement;
  html.classList.add('js');
  const siteRoot = html.dataset.root ?? '';

  // localStorage can throw (file:// in some browsers, private modes): a saved
  // theme is a nicety, never a reason to break the page.
  const storage = {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, value);
      } catch {
        // not remembered: the toggle still works for this page
      }
    },
  };

  const saved = storage.get('theme');
  if (saved === 'light' || saved === 'dark') html.dataset.theme = saved;
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  const theme = () => html.dataset.theme ?? (systemDark.matches ? 'dark' : 'light');

  function setUpThemeToggle() {
    const button = document.querySelector('.theme-toggle');
    const label = () => {
      const other = theme() === 'dark' ? 'light' : 'dark';
      button.textContent = other === 'dark' ? '☾ Dark' : '☀ Light';
      button.setAttribute('aria-label', `Switch to the ${other} theme`);
    };
    button.addEventListener('click', () => {
      html.dataset.theme = theme() === 'dark' ? 'light' : 'dark';
      storage.set('theme', html.dataset.theme);
      label();
    });
    systemDark.addEventListener('change', label);
    label();
  }

  function setUpMenu() {
    const button = document.querySelector('.menu-button');
    const setOpen = (open) => {
      button.setAttribute('aria-expanded', String(open));
      document.body.classList.toggle('menu-open', open);
    };
    button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
    // Following a link (a search hit on this same page, say) closes the menu.
    document.getElementById('sidebar').addEventListener('click', (event) => {
      if (event.target.closest('a')) setOpen(false);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') setOpen(false);
    });
  }

  function addCopyButtons() {
    for (const pre of document.querySelectorAll('pre.shiki')) {
      const block = document.createElement('div');
      block.className = 'code-block';
      pre.replaceWith(block);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = 'Copy';
      block.append(pre, button);
      button.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(pre.textContent);
          button.textContent = 'Copied';
        } catch {
          // No clipboard here (an old browser, a denied permission): select the code instead.
          getSelection().selectAllChildren(pre);
          button.textContent = 'Press Ctrl+C';
        }
        setTimeout(() => (button.textContent = 'Copy'), 2000);
      });
    }
  }

  // Hints are in the page (so print and no-JS show them all); here they hide
  // and come back one at a time.
  function setUpHints() {
    for (const section of document.querySelectorAll('.hints')) {
      const hints = [...section.querySelectorAll('.hint-list li')];
      const button = section.querySelector('.hint-button');
      for (const hint of hints) hint.hidden = true;
      button.addEventListener('click', () => {
        const next = hints.find((hint) => hint.hidden);
        next.hidden = false;
        if (hints.some((hint) => hint.hidden)) {
          button.textContent = 'Show the next hint';
        } else {
          button.hidden = true;
          next.tabIndex = -1;
          next.focus();
        }
      });
    }
  }

  // Paper gets the solution and the changes, then the page closes them again.
  function setUpPrint() {
    let opened = [];
    addEventListener('beforeprint', () => {
      opened = [...document.querySelectorAll('details:not([open])')];
      for (const details of opened) details.open = true;
    });
    addEventListener('afterprint', () => {
      for (const details of opened) details.open = false;
    });
  }

  // A link or a search hit into a folded section ("Going further") opens it.
  function openFoldedTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    const folded = target?.closest('details:not([open])');
    if (!folded) return;
    folded.open = true;
    target.scrollIntoView();
  }

  // The index (assets/search-index.js) and minisearch (assets/minisearch/)
  // are scripts that set globals: <script src> works from disk, fetch does not.
  function setUpSearch() {
    const input = document.getElementById('search-input');
    const results = document.getElementById('search-results');
    const { index, options } = window.workshopSearch;
    const search = window.MiniSearch.loadJS(index, options);

    const item = (...children) => {
      const li = document.createElement('li');
      li.append(...children);
      return li;
    };
    const hitLink = (hit) => {
      const link = document.createElement('a');
      link.href = siteRoot + hit.id;
      link.textContent = hit.title;
      if (hit.page !== hit.title) {
        const page = document.createElement('small');
        page.textContent = hit.page;
        link.append(page);
      }
      return item(link);
    };
    const noMatches = () => {
      const none = item('No matches');
      none.className = 'no-results';
      return none;
    };
    const show = () => {
      const query = input.value.trim();
      const hits = query === '' ? [] : search.search(query).slice(0, 8);
      results.hidden = query === '';
      results.replaceChildren(...(hits.length > 0 ? hits.map(hitLink) : [noMatches()]));
    };

    input.addEventListener('input', show);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') results.querySelector('a')?.click();
      if (event.key === 'Escape') {
        input.value = '';
        show();
      }
    });
  }

  // Served by `npm start`, api/progress says which lessons pass. Opened from
  // disk there is no server: do nothing, say nothing.
  function showProgress() {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    const marks = { passed: '✓', failing: '✗', skipped: '–' };
    fetch(`${siteRoot}api/progress`)
      .then((response) => (response.ok ? response.json() : {}))
      .then((progress) => {
        for (const link of document.querySelectorAll('[data-lesson]')) {
          const status = progress[link.dataset.lesson];
          if (!Object.hasOwn(marks, status)) continue;
          const mark = document.createElement('span');
          mark.className = `status status-${status}`;
          mark.textContent = marks[status];
          mark.title = status;
          const words = document.createElement('span');
          words.className = 'visually-hidden';
          words.textContent = ` (${status})`;
          link.append(mark, words);
        }
      })
      .catch(() => {});
  }

  document.addEventListener('DOMContentLoaded', () => {
    setUpThemeToggle();
    addCopyButtons();
    setUpHints();
    setUpPrint();
    openFoldedTarget();
    addEventListener('hashchange', openFoldedTarget);
    // The lab's page (npm run lab) has the top bar and the theme, but no sidebar.
    if (!document.getElementById('sidebar')) return;
    setUpMenu();
    setUpSearch();
    showProgress();
  });
})();
