/**
 * What an unauthenticated request for a page gets (with status 401): a tiny page that takes the
 * launch secret from the URL fragment (never sent to servers or logs), trades it for an HttpOnly
 * same-site session cookie, removes it from the address bar and reloads.
 */
export function bootstrapPage(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bizlens</title><link rel="icon" href="data:,"></head>
<body><main><h1>Bizlens</h1><p id="msg" role="status">Signing in…</p></main>
<script nonce="${nonce}">
(function () {
  var msg = document.getElementById('msg');
  var m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  history.replaceState(null, '', location.pathname);
  if (!m) { msg.textContent = 'Open the address printed by "npm run web": it carries this launch\\'s secret.'; return; }
  fetch('/session', { method: 'POST', headers: { authorization: 'Bearer ' + m[1] }, credentials: 'same-origin' })
    .then(function (r) { if (r.ok) location.reload(); else msg.textContent = 'This address is from another launch. Use the one printed by the running Bizlens.'; })
    .catch(function () { msg.textContent = 'Bizlens is not running.'; });
})();
</script></body></html>`;
}
