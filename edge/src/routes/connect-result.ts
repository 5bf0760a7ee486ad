/**
 * How the callback answers: a redirect into the app, or (in a popup) a tiny page that posts the
 * outcome to the opener — only to the app's origin — and closes. With no state cookie we cannot
 * know which, so the page decides in the browser: opener → post and close, otherwise navigate.
 */
import type { Context } from 'hono'
import { connectReturnPath, type ConnectErrorCode, type ConnectMessage } from '#shared/api/connect.ts'
import { randomBase64Url } from '../crypto/base64.ts'

export type Presentation = 'redirect' | 'popup' | 'unknown'

export function connectOutcome(
  c: Context,
  appOrigin: string,
  presentation: Presentation,
  message: ConnectMessage,
): Response {
  const target =
    appOrigin +
    connectReturnPath(
      message.status === 'connected' ? { status: 'connected' } : { status: 'error', code: message.code },
    )
  c.header('Cache-Control', 'no-store')
  if (presentation === 'redirect') return c.redirect(target, 302)
  const nonce = randomBase64Url(16)
  c.header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'`)
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(popupPage(nonce, appOrigin, target, message, presentation === 'popup'))
}

export function connectError(
  c: Context,
  appOrigin: string,
  presentation: Presentation,
  code: ConnectErrorCode,
  message: string,
): Response {
  return connectOutcome(c, appOrigin, presentation, { type: 'fieldsync:qbo-connect', status: 'error', code, message })
}

/**
 * The connect routes' answer when the edge lacks configuration: `config_missing` through the app
 * like any connect failure, or, without a usable APP_ORIGIN to return to, a plain page saying so.
 * Neither names what is missing.
 */
export function connectConfigMissing(c: Context, appOrigin: string | null, presentation: Presentation): Response {
  // What is missing goes to the log only: the browser learns nothing about the server's setup.
  const message = "QuickBooks cannot be connected until the server's setup is finished."
  if (appOrigin !== null) return connectError(c, appOrigin, presentation, 'config_missing', message)
  c.header('Cache-Control', 'no-store')
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  return c.html(
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QuickBooks connection failed</title></head>
<body><h1>QuickBooks connection failed</h1><p>${html(message)}</p></body></html>`,
    500,
  )
}

// JSON inside <script>: escape `<` so no value can close the tag.
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c')
const html = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function popupPage(
  nonce: string,
  appOrigin: string,
  target: string,
  message: ConnectMessage,
  knownPopup: boolean,
): string {
  const title = message.status === 'connected' ? 'QuickBooks connected' : 'QuickBooks connection failed'
  const detail = message.status === 'connected' ? 'You can close this window.' : message.message
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:3rem;color:#1f2933}</style></head>
<body><h1>${html(title)}</h1><p>${html(detail)}</p><p><a href="${html(target)}">Return to Fieldsync</a></p>
<script nonce="${nonce}">
(function () {
  var message = ${scriptJson(message)};
  var opener = window.opener;
  if (opener && !opener.closed) {
    try { opener.postMessage(message, ${scriptJson(appOrigin)}); } catch (e) {}
    window.close();
    return;
  }
  ${knownPopup ? '' : `window.location.replace(${scriptJson(target)});`}
})();
</script></body></html>`
}
