import { MemoryStore } from './memory-store.ts'
import { runStoreContract } from './store-contract.ts'

runStoreContract('MemoryStore', async () => {
  const store = new MemoryStore()
  return { store, enqueue: async (row) => store.enqueue(row) }
})
