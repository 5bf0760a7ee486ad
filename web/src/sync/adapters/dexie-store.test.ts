import { testDb } from '../../db/test-db.ts'
import { DexieStore } from './dexie-store.ts'
import { runStoreContract } from './store-contract.ts'
import type { OutboxRow } from '#shared/domain/index.ts'

runStoreContract('DexieStore', async () => {
  const db = testDb()
  return { store: new DexieStore(db), enqueue: async (row) => (await db.outbox.add(row as OutboxRow)) as number }
})
