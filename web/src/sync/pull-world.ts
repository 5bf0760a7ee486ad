/**
 * The pull tests' world: an emulator company after its initial sync with this device, and the bookkeeper's hands
 * in QuickBooks (API writes, as any other QuickBooks app or the web UI would make them, and admin edits/deletes).
 * @module
 */
import type { QboEntity, QboEntityName } from './ports.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import { pullChanges } from './pull.ts'
import { fakeClock } from './test-support/fake-clock.ts'
import { HISTORY_REALM_ID } from '#emulator/src/seeds/history.ts'
import { startEmulator } from '#emulator/src/serve.ts'
import { testClock, testDb } from '../db/test-db.ts'
import { DexieStore } from './adapters/dexie-store.ts'
import { directGateway } from './adapters/edge-gateway.ts'
import { emulatorAdmin, startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

/** The emulator world on the history seed's company (the shared world is the small seed's). */
async function historyWorld(): Promise<EmulatorWorld> {
  const emu = await startEmulator({ port: 0, seed: 'history', timeScale: 60 })
  const realmId = HISTORY_REALM_ID
  const { admin, entities } = emulatorAdmin(emu.url, realmId)
  const token = await admin<{ access_token: string }>('POST', '/tokens/connect', { realmId })
  const gateway = directGateway(emu.url, realmId, () => token.access_token)
  const db = testDb(testClock('2026-03-01T09:00:00.000Z'))
  const clock = fakeClock('2026-03-01T09:00:00Z')
  const random = { next: () => 0.5, uuid: () => crypto.randomUUID() }
  return {
    emu,
    realmId,
    db,
    gateway,
    admin,
    clock,
    entities,
    deps: (over = {}) => ({ store: new DexieStore(db), gateway, clock, random, realmId, ...over }),
    close: () => emu.close(),
  }
}

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

/** `history`: a company a year into QuickBooks (the emulator's history seed) instead of the small sandbox one. */
export async function startPullWorld(seed: 'small' | 'history' = 'small'): Promise<PullWorld> {
  // An Intuit minute per second: tokens last an hour of emulator time, long past any test here.
  const w = seed === 'small' ? await startEmulatorWorld({ timeScale: 60 }) : await historyWorld()
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
