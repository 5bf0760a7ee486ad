/**
 * The device's store as one QuickBooks company sees it: mappings made with another company are left out, so a
 * tablet reconnected to a different company never sends an update to an Id that names another record there,
 * never merges that company's changes into the wrong contact, and matches afresh in its initial sync.
 * @module
 */
import type { LocalStore } from '../ports.ts'

export function realmScoped(store: LocalStore, realmId: string): LocalStore {
  return {
    snapshot: async () => {
      const snap = await store.snapshot()
      return { ...snap, mappings: snap.mappings.filter((m) => m.realmId === realmId) }
    },
    claim: (claims) => store.claim(claims),
    settle: (settlements) => store.settle(settlements),
    setCheckpoint: (checkpoint, realm) => store.setCheckpoint(checkpoint, realm),
    settings: () => store.settings(),
    moveInvoiceNumberPast: (docNumbers) => store.moveInvoiceNumberPast(docNumbers),
    setQuickBooksNumbers: (on) => store.setQuickBooksNumbers(on),
    log: (rows) => store.log(rows),
    readLog: () => store.readLog(),
  }
}
