/**
 * @module
 * The classic `eventNotifications` payload (qbo-api.md §10.1): one element per realm, in the order the
 * realms first changed, each with the entities that changed in the order they changed.
 */
import type { CompanyChange } from '../companies-port.ts'

export interface EventNotifications {
  eventNotifications: {
    realmId: string
    dataChangeEvent: { entities: { name: string; id: string; operation: string; lastUpdated: string }[] }
  }[]
}

export function buildPayload(changes: CompanyChange[]): EventNotifications {
  const byRealm = new Map<string, EventNotifications['eventNotifications'][number]>()
  for (const ch of changes) {
    let n = byRealm.get(ch.realmId)
    if (n === undefined) byRealm.set(ch.realmId, (n = { realmId: ch.realmId, dataChangeEvent: { entities: [] } }))
    n.dataChangeEvent.entities.push({ name: entityName(ch.entity), id: ch.id, operation: ch.operation, lastUpdated: ch.lastUpdated })
  }
  return { eventNotifications: [...byRealm.values()] }
}

/** Intuit names entities in PascalCase (`Customer`), whatever case the change was reported in. */
function entityName(entity: string): string {
  const known: Record<string, string> = { customer: 'Customer', item: 'Item', invoice: 'Invoice', payment: 'Payment', account: 'Account', vendor: 'Vendor', employee: 'Employee' }
  return known[entity.toLowerCase()] ?? entity.charAt(0).toUpperCase() + entity.slice(1)
}
