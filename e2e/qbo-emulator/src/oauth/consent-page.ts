/**
 * @module
 * HTML for Intuit's consent screen and its error page: the app's name, what it asks to access, a company
 * picker when the user administers several companies, and Connect / Cancel with large touch targets
 * (the app is used on tablets, so this page is too). Connect comes first in the form so Enter connects;
 * CSS shows it on the right, where Intuit puts it.
 */
import { scopeDescriptions } from './scopes.ts'

const esc = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

const styles = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f5f8; color: #393a3d; }
  main { max-width: 560px; margin: 48px auto; background: #fff; border-radius: 8px; padding: 32px;
         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  .brand { color: #2ca01c; font-weight: 700; letter-spacing: .02em; margin: 0 0 24px; }
  h1 { font-size: 1.5rem; margin: 0 0 8px; }
  ul.scopes { padding-left: 20px; line-height: 1.6; }
  fieldset { border: 0; padding: 0; margin: 24px 0; }
  legend { font-weight: 600; margin-bottom: 8px; }
  label.company { display: flex; align-items: center; gap: 12px; min-height: 56px; padding: 0 16px;
                  border: 1px solid #d4d7dc; border-radius: 6px; margin-bottom: 8px; cursor: pointer; font-size: 1.05rem; }
  label.company input { width: 24px; height: 24px; }
  .actions { display: flex; flex-direction: row-reverse; gap: 16px; margin-top: 24px; }
  button { flex: 1; min-height: 56px; font-size: 1.1rem; font-weight: 600; border-radius: 28px; cursor: pointer; }
  button.connect { background: #2ca01c; color: #fff; border: 0; }
  button.cancel { background: #fff; color: #393a3d; border: 2px solid #8d9096; }
  .fine { font-size: .9rem; color: #6b6c72; margin-top: 24px; }
  .error { border-left: 4px solid #d52b1e; padding-left: 16px; }
`

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${styles}</style></head><body><main>
<p class="brand">intuit quickbooks</p>${body}</main></body></html>`
}

export interface ConsentPageInput {
  appName: string
  scopes: string[]
  companies: { realmId: string; companyName: string }[]
  /** Echoed back as hidden fields; re-validated when the form comes back. */
  params: { client_id: string; redirect_uri: string; scope: string; state: string; response_type: string }
}

export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('')
  const scopes = input.scopes.map((s) => `<li>${esc(scopeDescriptions[s] ?? s)}</li>`).join('')
  const picker =
    input.companies.length === 1
      ? `<p>Company: <strong>${esc(input.companies[0]!.companyName)}</strong></p><input type="hidden" name="realmId" value="${esc(input.companies[0]!.realmId)}">`
      : `<fieldset><legend>Select a company to connect</legend>${input.companies
          .map(
            (c, i) =>
              `<label class="company"><input type="radio" name="realmId" value="${esc(c.realmId)}"${i === 0 ? ' checked' : ''} required> ${esc(c.companyName)}</label>`,
          )
          .join('')}</fieldset>`
  return page(
    `Connect ${input.appName} to QuickBooks`,
    `<h1>${esc(input.appName)} wants to connect to your QuickBooks company</h1>
<p>${esc(input.appName)} will be able to access:</p><ul class="scopes">${scopes}</ul>
<form method="post" action="/connect/oauth2">${hidden}${picker}
<div class="actions"><button type="submit" name="decision" value="connect" class="connect">Connect</button>
<button type="submit" name="decision" value="cancel" class="cancel">Cancel</button></div></form>
<p class="fine">QuickBooks Online emulator. You are signed in as the company administrator.</p>`,
  )
}

export function errorPage(title: string, message: string): string {
  return page(title, `<div class="error"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>`)
}

export function noCompanyPage(appName: string): string {
  return page(
    'No QuickBooks company',
    `<h1>No company to connect</h1><p>You are not an administrator of any QuickBooks company that ${esc(appName)} could connect to.</p>`,
  )
}
