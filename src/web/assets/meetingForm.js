// The new-record form's Zoom plan hint (src/web/views/meetingViews.ts): shown only while it
// applies — location Zoom, a host whose Zoom plan ends meetings early (data-zoom-max-minutes on
// the host's option), and a duration longer than that. Without script the hint simply stays shown.
(() => {
  var hint = document.getElementById('zoom-length-hint');
  var form = hint?.closest('form');
  if (!form) return;
  function update() {
    var host = form.querySelector('select[name="hostUserId"]');
    var option = host?.selectedOptions[0];
    var max = Number(option?.getAttribute('data-zoom-max-minutes'));
    var duration = Number(form.querySelector('input[name="durationMinutes"]').value);
    var zoom = form.querySelector('input[name="locationType"][value="zoom"]');
    hint.hidden = !(zoom?.checked && max > 0 && duration > max);
  }
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
})();
