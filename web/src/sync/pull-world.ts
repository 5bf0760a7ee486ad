/**
 * The pull tests' world: an emulator company after its initial sync with this device, and the bookkeeper's hands
 * in QuickBooks (API writes, as any other QuickBooks app or the web UI would make them, and admin edits/deletes).
 * @module
 */
import type { QboEntity, QboEntityName } from './ports.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import { pullChanges } from './pull.ts'
import { fakeClock } from './test-support/fake-clock.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

export interface PullWorld extends EmulatorWorld {
  /** The device's clock set to the emulator's now: a real tablet agrees with QuickBooks to within seconds. */
  now(): Promise<number>
  initialSync(): Promise<void>
  pull(): ReturnType<typeof pullChanges>
  /** The bookkeeper writes in QuickBooks through the API. */
  write(entity: QboEntityName, operation: 'create' | 'update' | 'void', body: QboEntity): Promise<QboEntity>
  edit(entity: QboEntityName, id: string, patch: Record<string, unknown>): Promise<void>
  remove(entity: QboEntityName, id: string): Promise<void>
}

export async function startPullWorld(): Promise<PullWorld> {
  // An Intuit minute per second: tokens last an hour of emulator time, long past any test here.
  const w = await startEmulatorWorld({ timeScale: 60 })
  const now = async () => (await w.admin<{ now: number }>('GET', '/clock')).now
  const deps = async () => w.deps({ clock: fakeClock(await now()) })
  let n = 0
  return {
    ...w,
    now,
    async initialSync() {
      const session = await previewInitialSync(await deps())
      if (!session.ok) throw new Error(session.error.userMessage)
      await runInitialSync(session.value, [], await deps())
    },
    pull: async () => pullChanges(await deps()),
    async write(entity, operation, body) {
      const r = await w.gateway.write(entity, operation, body, `bookkeeper-${++n}-${Date.now()}`)
      if (!r.ok) throw new Error(r.error.userMessage)
      return r.value
    },
    async edit(entity, id, patch) {
      await w.admin('PATCH', `/companies/${w.realmId}/${entity}/${id}`, patch)
    },
    async remove(entity, id) {
      await w.admin('DELETE', `/companies/${w.realmId}/${entity}/${id}`)
    },
  }
}
