// The week of a host's free slots (src/web/views/bookingViews.ts): when the server does not know
// the viewer's time zone yet (no ?tz, no cookie, none on their account) it shows the host's and
// says so. This asks once more with the browser's zone, through the page's own zone form (the
// answer remembers it in a cookie). Without script the page simply stays in the host's zone, and
// the form changes it. Its one text comes from the page (`data-switching`), in the page's language.
(() => {
  var form = document.getElementById('zone-form');
  if (form?.getAttribute('data-zone-source') !== 'host') return;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  var select = form.querySelector('select[name="tz"]');
  if (!zone || !select) return;
  if (!Array.from(select.options).some((o) => o.value === zone)) select.add(new Option(zone, zone));
  select.value = zone;
  var note = document.getElementById('zone-note');
  var switching = form.getAttribute('data-switching');
  if (note && switching) note.textContent = switching;
  form.submit();
})();
