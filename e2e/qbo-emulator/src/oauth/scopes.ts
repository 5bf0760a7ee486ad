/** The scope the Accounting API (`/v3/company/…`) requires (docs/quickbooks.md §1.2). */
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting'

/** Scopes Intuit accepts in the authorize request (docs/quickbooks.md §1.2). */
export const knownScopes = [
  'com.intuit.quickbooks.accounting',
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
] as const

export const scopeDescriptions: Record<string, string> = {
  'com.intuit.quickbooks.accounting':
    'Your QuickBooks company data: customers, products and services, invoices and payments',
  'com.intuit.quickbooks.payment': 'Process payments through QuickBooks Payments',
  openid: 'Confirm who you are',
  profile: 'Your name',
  email: 'Your email address',
  phone: 'Your phone number',
  address: 'Your address',
}

/** Space-delimited scope parameter → list, or null when empty or any scope is unknown. */
export function parseScopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null
  const scopes = raw.split(' ').filter((s) => s !== '')
  if (scopes.length === 0) return null
  if (!scopes.every((s) => (knownScopes as readonly string[]).includes(s))) return null
  return [...new Set(scopes)]
}
