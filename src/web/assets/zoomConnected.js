/*
 * On the OAuth callback's "Zoom connected" page: tell the Manage tab (BroadcastChannel, with a
 * localStorage event as fallback) that the connection changed, so it updates itself
 * (src/web/assets/zoomCard.js). Served as a file so the Content-Security-Policy needs no inline script.
 */
(() => {
  try {
    new BroadcastChannel('ekos-zoom').postMessage({ type: 'zoom-status-changed' });
  } catch {}
  try {
    localStorage.setItem('ekos-zoom-status-changed', String(Date.now()));
  } catch {}
})();
