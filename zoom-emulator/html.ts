/** The emulated Zoom sign-in page (docs/zoom-facts.md §1.2) and error page. Every value is escaped. */
import type { EmulatedUser } from './state.ts';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;background:#f4f6fb;color:#232333;margin:0}main{max-width:440px;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0001}h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.4rem 0}input[type=email]{width:100%;padding:.5rem;border:1px solid #ccd;border-radius:8px;font:inherit;box-sizing:border-box}button{font:inherit;padding:.55rem 1.2rem;border-radius:8px;border:1px solid #0b5cff;background:#0b5cff;color:#fff;cursor:pointer}button.decline{background:#fff;color:#0b5cff}.muted{color:#667}.row{display:flex;gap:.75rem;margin-top:1.25rem}';

export function authorizePage(users: EmulatedUser[], query: Record<string, string>): string {
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method']
    .filter((k) => query[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(query[k]!)}">`)
    .join('');
  const choices = users
    .map(
      (u, i) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(u.id)}" ${i === 0 ? 'checked' : ''}> ${escapeHtml(u.email)} <span class="muted">(${u.type === 1 ? 'Basic' : u.type === 2 ? 'Licensed' : `type ${u.type}`}; ${escapeHtml(u.scopes.join(', '))})</span></label>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to Zoom (emulated)</title><style>${STYLE}</style></head>
<body><main><h1>Sign in to Zoom (emulated)</h1>
<p class="muted">This is the offline Zoom emulator. No real Zoom account is used. The app is asking for access to create and delete meetings and read your profile.</p>
<form method="post" action="/oauth/authorize">${hidden}
${choices ? `<fieldset style="border:0;padding:0"><legend>Choose a Zoom user</legend>${choices}</fieldset><p class="muted">or</p>` : ''}
<label>Type an email <input type="email" name="email" placeholder="someone@example.com"></label>
<div class="row"><button type="submit" name="decision" value="authorize" id="authorize">Authorize</button>
<button type="submit" name="decision" value="decline" class="decline" id="decline">Decline</button></div>
</form></main></body></html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zoom (emulated) — error</title><style>${STYLE}</style></head><body><main><h1>Something went wrong</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
