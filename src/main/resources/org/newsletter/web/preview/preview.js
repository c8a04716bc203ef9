// The preview page: controls and tabs, and live reload through server-sent events.
// Everything shown comes from the server as a document (in the iframe) or an escaped HTML fragment.
'use strict';
(function () {
  const state = {tab: 'email', view: 'desktop', scheme: 'light', as: '', list: ''};
  const $ = id => document.getElementById(id);
  const frame = $('frame');
  const fragment = $('fragment');
  const pane = $('pane');
  const status = $('status');
  const live = $('live');
  const form = $('render-as');
  let version = '';        // the server's change mark; part of every URL so a change reloads
  let opened = null;       // what a link in a tab opened in it (an outbox message, a campaign), if anything

  // The state lives in the address, so a manual reload or a bookmark keeps it.
  const saved = new URLSearchParams(location.search);
  for (const key of Object.keys(state)) {
    if (saved.has(key)) state[key] = saved.get(key);
  }
  form.elements.as.value = state.as;
  form.elements.list.value = state.list;

  function query() {
    const q = new URLSearchParams();
    if (state.as) q.set('as', state.as);
    if (state.list) q.set('list', state.list);
    q.set('scheme', state.scheme);
    if (version) q.set('v', version);
    return q.toString();
  }

  function remember() {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(state)) {
      if (value) q.set(key, value);
    }
    history.replaceState(null, '', '?' + q.toString());
  }

  // A save reloads the document in the frame; keep the writer where they were reading.
  let keepScroll = 0;
  function showFrame(url, sameDocument) {
    keepScroll = sameDocument && !frame.hidden ? frameScroll() : 0;
    fragment.hidden = true;
    frame.hidden = false;
    frame.src = url;
  }
  function frameScroll() {
    try {
      return frame.contentWindow.scrollY;
    } catch (e) {
      return 0; // a page of another site, reached by a link: its position is not ours to read
    }
  }
  frame.addEventListener('load', () => {
    if (keepScroll > 0 && frameScroll() === 0) frame.contentWindow.scrollTo(0, keepScroll);
  });

  async function load(element, url) {
    try {
      const response = await fetch(url, {cache: 'no-store'});
      element.innerHTML = await response.text();
    } catch (e) {
      element.textContent = 'The preview server does not answer (' + e.message + '). Is it still running?';
    }
  }

  function showFragment(url) {
    frame.hidden = true;
    fragment.hidden = false;
    return load(fragment, url);
  }

  function markControls() {
    for (const button of document.querySelectorAll('[data-view]')) {
      button.setAttribute('aria-pressed', String(button.dataset.view === state.view));
    }
    for (const button of document.querySelectorAll('[data-scheme]')) {
      button.setAttribute('aria-pressed', String(button.dataset.scheme === state.scheme));
    }
    for (const button of document.querySelectorAll('[data-tab]')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === state.tab));
    }
    pane.className = state.view;
  }

  // sameDocument: the same tab shown again (after a save, or in the other colour scheme).
  function show(sameDocument) {
    markControls();
    remember();
    load(status, '/tab/status?' + query());
    if (state.tab === 'email') {
      showFrame('/email?' + query(), sameDocument);
    } else if (state.tab === 'web') {
      showFrame(document.body.dataset.web + '?' + query(), sameDocument);
    } else if (opened) {
      showFragment(opened + '?' + query());
    } else {
      showFragment('/tab/' + state.tab + '?' + query());
    }
  }

  document.addEventListener('click', event => {
    const control = event.target.closest('[data-view], [data-scheme], [data-tab]');
    if (control) {
      if (control.dataset.view) state.view = control.dataset.view;
      if (control.dataset.scheme) state.scheme = control.dataset.scheme;
      if (control.dataset.tab) {
        state.tab = control.dataset.tab;
        opened = null;
      }
      // Width alone needs no new document: the iframe just changes size.
      if (control.dataset.view) {
        markControls();
        remember();
      } else {
        show(!control.dataset.tab);
      }
      return;
    }
    const link = event.target.closest('a[data-fragment]');
    if (link) {
      event.preventDefault();
      const href = link.getAttribute('href');
      opened = href === '/tab/' + state.tab ? null : href;
      show();
    }
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    state.as = form.elements.as.value.trim();
    state.list = form.elements.list.value.trim();
    show(true);
  });

  // Live reload: the server sends "change" when a file of the issue was saved (and once on connecting).
  const events = new EventSource('/events');
  events.addEventListener('change', event => {
    const first = version === '';
    const changed = event.data !== version;
    version = event.data;
    live.textContent = 'live';
    live.className = 'live on';
    if (!first && changed) show(true);
  });
  events.addEventListener('error', () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
  });

  show();
})();
