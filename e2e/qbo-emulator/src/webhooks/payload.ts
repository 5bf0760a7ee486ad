/**
 * @module
 * The classic `eventNotifications` payload (docs/quickbooks.md §10.1): one element per realm, in the order the
 * realms first changed, each with the entities that changed in the order they changed. `lastUpdated`
 * carries its offset without a colon (`2015-10-05T14:42:19-0700`), as in the payload recorded from
 * Intuit's Java SDK (fixtures/qbo/webhook/classic-customer-create.signed.java-sdk.json) and §10.1.
 */
import type { CompanyChange } from '../companies-port.ts'

export interface EventNotifications {
  eventNotifications: {
    realmId: string
    dataChangeEvent: {
      entities: { name: string; id: string; operation: string; lastUpdated: string; deletedId?: string }[]
    }
  }[]
}

export function buildPayload(changes: CompanyChange[]): EventNotifications {
  const byRealm = new Map<string, EventNotifications['eventNotifications'][number]>()
  for (const ch of changes) {
    let n = byRealm.get(ch.realmId)
    if (n === undefined) byRealm.set(ch.realmId, (n = { realmId: ch.realmId, dataChangeEvent: { entities: [] } }))
    n.dataChangeEvent.entities.push({
      name: entityName(ch.entity),
      id: ch.id,
      operation: ch.operation,
      lastUpdated: compactOffset(ch.lastUpdated),
      // Intuit's older webhook page: a Merge names the merged-away record as `deletedId`.
      ...(ch.deletedId === undefined ? {} : { deletedId: ch.deletedId }),
    })
  }
  return { eventNotifications: [...byRealm.values()] }
}

/** `…-08:00` → `…-0800`; anything else is left as it is. */
function compactOffset(stamp: string): string {
  return stamp.replace(/([+-]\d{2}):(\d{2})$/, '$1$2')
}

/** Intuit names entities in PascalCase (`Customer`), whatever case the change was reported in. */
function entityName(entity: string): string {
  const known: Record<string, string> = {
    customer: 'Customer',
    item: 'Item',
    invoice: 'Invoice',
    payment: 'Payment',
    account: 'Account',
    vendor: 'Vendor',
    employee: 'Employee',
  }
  return known[entity.toLowerCase()] ?? entity.charAt(0).toUpperCase() + entity.slice(1)
}
