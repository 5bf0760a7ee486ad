import { describe, expect, it } from 'vitest'
import { createSyncStore } from './live-sync-store.ts'
import type { MappingView, SyncIndex } from './record-sync-state.ts'
import type { LocalId, QboId } from '#shared/ids.ts'

type Call = { ids: readonly string[]; resolve: (synced: number) => void }

/** A loader whose reads finish when the test says, answering each id with a mapping synced at that version. */
function harness() {
  const calls: Call[] = []
  const queued: (() => void)[] = []
  const store = createSyncStore(
    (ids) =>
      new Promise<SyncIndex>((done) =>
        calls.push({
          ids,
          resolve: (synced) =>
            done({
              kind: 'contact',
              mappings: new Map(ids.map((id) => [id, mapping(id, synced)])),
              outbox: new Map(),
            }),
        }),
      ),
    (fn) => queued.push(fn),
  )
  const tick = () => queued.splice(0).forEach((fn) => fn())
  const settle = () => new Promise((r) => setTimeout(r, 0))
  return { store, calls, tick, settle }
}

const mapping = (id: string, syncedVersion: number): MappingView => ({
  localId: id as LocalId,
  qboId: '1' as QboId,
  syncedVersion,
  status: 'synced',
})

describe('createSyncStore', () => {
  it('reads the ids asked for in one task together, once each', async () => {
    const { store, calls, tick, settle } = harness()
    store.want('a')
    store.want('b')
    store.want('a')
    tick()
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b']])
    expect(store.get('a')).toBeUndefined()
    calls[0]!.resolve(1)
    await settle()
    expect(store.get('a')?.mapping?.syncedVersion).toBe(1)
    store.want('a')
    tick()
    expect(calls).toHaveLength(1)
  })

  it('re-reads only the ids still wanted after a change, and forgets the others', async () => {
    const { store, calls, tick, settle } = harness()
    const releaseA = store.want('a')
    store.want('b')
    tick()
    calls[0]!.resolve(1)
    await settle()
    releaseA()
    store.changed()
    const refreshed = store.refresh()
    expect(calls[1]!.ids).toEqual(['b'])
    calls[1]!.resolve(2)
    await refreshed
    expect(store.get('b')?.mapping?.syncedVersion).toBe(2)
    expect(store.get('a')).toBeUndefined()
  })

  it('drops a read that started before a change once a later read has landed', async () => {
    const { store, calls, tick, settle } = harness()
    store.want('a')
    tick()
    const stale = calls[0]!
    store.changed()
    const refreshed = store.refresh()
    calls[1]!.resolve(2)
    await refreshed
    stale.resolve(1)
    await settle()
    expect(store.get('a')?.mapping?.syncedVersion).toBe(2)
  })

  it('tells its listener after each read', async () => {
    const { store, calls, tick, settle } = harness()
    let updates = 0
    store.onUpdate(() => updates++)
    store.want('a')
    tick()
    calls[0]!.resolve(1)
    await settle()
    expect(updates).toBe(1)
  })
})
