/**
 * Before an invoice is sent: what the connected QuickBooks company uses that the tablet cannot put on it (its
 * Preferences, read through the edge and cached for the session). Says nothing offline, when not connected, or
 * once the invoice is in QuickBooks or void.
 */
import { createQuery } from '@tanstack/solid-query'
import { For, Show } from 'solid-js'
import type { Invoice } from '#shared/domain/index.ts'
import { useSession } from '../../state/session.ts'
import { useOnline } from '../../state/online.ts'
import { createSyncStates } from '../../state/live-sync.ts'
import { edgeGateway } from '../../sync/adapters/edge-gateway.ts'
import { companyLimits } from './company-limits.ts'

export function CompanyLimitsNotice(props: { invoice: Invoice }) {
  const session = useSession()
  const online = useOnline()
  const realmId = () => {
    const s = session.session()
    return s?.connected === true ? s.realmId : undefined
  }
  const prefs = createQuery(() => ({
    queryKey: ['qbo-preferences', realmId()],
    enabled: online() && realmId() !== undefined,
    staleTime: 30 * 60_000,
    queryFn: async () => {
      const r = await edgeGateway(realmId()!).query('SELECT * FROM Preferences')
      if (!r.ok) return null
      return ((r.value as { Preferences?: unknown[] }).Preferences ?? [])[0] ?? null
    },
  }))
  const states = createSyncStates('invoice')
  const unsent = () => {
    if (props.invoice.status === 'void') return false
    if (props.invoice.status === 'draft') return true
    return states(props.invoice.id, { version: props.invoice.version })?.tone !== 'synced'
  }
  // Reading `data` before an answer would suspend the page around it (and hold a navigation away): check first.
  const read = () => (prefs.isSuccess ? prefs.data : undefined)
  const limits = () => {
    const p = unsent() ? read() : undefined
    return p ? companyLimits(p, props.invoice) : []
  }
  return (
    <Show when={limits().length > 0}>
      <div class="notice" role="status" data-testid="company-limits" style={{ 'border-radius': '8px' }}>
        <strong>Before this invoice goes to QuickBooks</strong>
        <ul>
          <For each={limits()}>{(l) => <li>{l.message}</li>}</For>
        </ul>
      </div>
    </Show>
  )
}
