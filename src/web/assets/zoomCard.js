/*
 * Progressive enhancement for the Zoom card on Lets Meet → Manage (src/web/views/zoomCard.ts):
 * when the callback tab reports a change (or /api/me shows one), fetch the card fragment named by
 * this script tag's data-fragment-url and swap it in. The poll stops after 10 minutes (the OAuth
 * state's lifetime) and then says so, offering a reload instead of spinning forever. The script
 * holds no words: the page gives them in the reader's language (the pending line's
 * data-timed-out). Served as a file so the Content-Security-Policy needs no inline script.
 */
(() => {
  var script = document.currentScript;
  var fragmentUrl = script?.getAttribute('data-fragment-url');
  if (!fragmentUrl) return;
  var polling = null,
    deadline = 0;
  function status() {
    var c = document.getElementById('zoom-card');
    return c ? c.getAttribute('data-status') : null;
  }
  function refresh() {
    return fetch(fragmentUrl, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then((r) => (r.ok ? r.text() : null))
      .then((text) => {
        if (!text) return;
        var card = document.getElementById('zoom-card');
        var before = status();
        if (card) card.outerHTML = text;
        bind();
        if (status() !== before) stop();
      });
  }
  function stop() {
    if (polling) {
      clearInterval(polling);
      polling = null;
    }
  }
  /** The pending line stops promising an update; its words come from the page (data-timed-out), in the reader's language. */
  function timedOut() {
    var pending = document.getElementById('zoom-pending');
    var text = document.getElementById('zoom-pending-text');
    var words = pending?.getAttribute('data-timed-out');
    if (!text || !words) return;
    if (!text.hasAttribute('data-waiting')) text.setAttribute('data-waiting', text.textContent || '');
    text.textContent = words;
  }
  function startPolling() {
    var pending = document.getElementById('zoom-pending');
    if (pending) pending.hidden = false;
    var text = document.getElementById('zoom-pending-text');
    if (text?.hasAttribute('data-waiting')) text.textContent = text.getAttribute('data-waiting');
    deadline = Date.now() + 10 * 60 * 1000;
    stop();
    polling = setInterval(() => {
      if (Date.now() > deadline) {
        stop();
        timedOut();
        return;
      }
      fetch('/api/me', { credentials: 'same-origin' })
        .then((r) => r.json())
        .then((me) => {
          if (me?.zoom && me.zoom.status !== status()) refresh();
        })
        .catch(() => {});
    }, 2000);
  }
  function bind() {
    var link = document.getElementById('connect-zoom');
    if (link) link.addEventListener('click', startPolling);
  }
  try {
    new BroadcastChannel('ekos-zoom').onmessage = () => {
      refresh();
    };
  } catch {}
  window.addEventListener('storage', (e) => {
    if (e.key === 'ekos-zoom-status-changed') refresh();
  });
  bind();
})();
