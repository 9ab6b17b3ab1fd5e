// The sign-up form's hidden time zone (src/web/views/authViews.ts): the browser's own zone, the
// first guess of the new account's (docs/product.md §15; the server ignores a zone it does not
// know). Without script the field stays empty and the account shows each meeting in its own zone.
(() => {
  var field = document.querySelector('input[name="timezone"][data-browser-zone]');
  if (!field) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    // No Intl time zone: the account keeps none.
  }
})();
