/**
 * The QuickBooks proxy: `/api/qbo/{realmId}/{path under /v3/company/{realmId}/}`.
 *
 * The realm in the path must be the session's (else 403 `realm_mismatch`), so an engine holding
 * one company's data can never write it into another. Only the calls the sync engine makes are forwarded; the
 * edge parses their query parameters strictly, rebuilds them (adding `minorversion`), forwards the serialization of
 * the body it checked, and answers with Intuit's status and body, or with an {@link ApiErrorBody} when the edge
 * itself refuses.
 *
 * @example
 *   fetch(qboProxyPath(realmId, 'invoice', { requestid: id }), { method: 'POST', body })
 */

export const QBO_PROXY_PREFIX = '/api/qbo'

/** Entities the app creates, updates and reads by id. */
export const proxiedEntities = ['customer', 'item', 'invoice', 'payment'] as const
export type ProxiedEntity = (typeof proxiedEntities)[number]

/** The proxy URL for a QuickBooks path relative to `/v3/company/{realmId}/`. */
export function qboProxyPath(realmId: string, path: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString()
  const clean = path.replace(/^\/+/, '')
  return `${QBO_PROXY_PREFIX}/${encodeURIComponent(realmId)}/${clean}${qs ? `?${qs}` : ''}`
}
