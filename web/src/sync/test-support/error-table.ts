/**
 * The error-table tests' shared pieces: design's error table is checked row by row through the real edge, one
 * Worker per test file, and these read what the record's row shows, what the emulator received and holds, and
 * drive the worker's engine as the app does.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { recordSyncState } from '../../state/record-sync-state.ts'
import { SyncEngine, type EngineDeps, type Timers } from '../engine.ts'
import type { QboEntity } from '../ports.ts'
import type { EdgeWorld } from './edge-world.ts'

/** Access tokens outlive a file (Intuit's hour is 3.6 s at this time scale): the only refreshes are a test's own. */
export const ERROR_TABLE_WORLD = { scaledTime: true, emulator: { tokenLifetimes: { accessTokenSeconds: 3_600_000 } } }

export type Device = ReturnType<EdgeWorld['device']>
type RequestLogEntry = { seq: number; method: string; path: string; status: number; realmId: string | null }

const TABLES = { contact: 'contacts', item: 'items', invoice: 'invoices', payment: 'payments', job: 'jobs' } as const

/** What the record's row and detail panel show (green, clock or red X, and the words), from what the engine stored. */
export async function stateOf(db: FieldsyncDB, kind: SyncKind, localId: string) {
  const record = await db.table<{ version: number }>(TABLES[kind]).get(localId)
  const mapping = await db.mappings.get([kind, localId])
  const outbox = await db.outbox.where('[kind+localId]').equals([kind, localId]).toArray()
  return recordSyncState({ version: record!.version }, mapping, outbox)
}

export const logOf = async (db: FieldsyncDB) => db.syncLog.toArray()

export const named = (entities: Record<string, QboEntity> | undefined, name: string) =>
  Object.values(entities ?? {}).find((e) => e['Name'] === name || e['DisplayName'] === name)

export const customerOf = (e: QboEntity) => (e['CustomerRef'] as { value?: string } | undefined)?.value

const idleTimers: Timers = {
  setTimeout: () => undefined,
  clearTimeout: () => undefined,
  setInterval: () => undefined,
  clearInterval: () => undefined,
}

/** Helpers over the file's world, read when called (the world starts in `beforeAll`). */
export function errorTable(world: () => EdgeWorld) {
  const admin = <T>(method: string, path: string) => world().admin<T>(method, path)
  return {
    async lastRequestSeq(): Promise<number> {
      return Math.max(0, ...(await admin<RequestLogEntry[]>('GET', '/requests')).map((r) => r.seq))
    },
    requestsSince: (seq: number) => admin<RequestLogEntry[]>('GET', `/requests?since=${seq}`),
    /** Sets the device's clock to the emulator's, so edits here and there are ordered as they happened. */
    async inStepWithQuickBooks(device: Device): Promise<void> {
      const { now } = await admin<{ now: number }>('GET', '/clock')
      device.clock.advance(now - device.clock.now().getTime())
    },
    async company(): Promise<Record<string, Record<string, QboEntity>>> {
      type Entities = Record<string, Record<string, QboEntity> | QboEntity[]>
      const snap = await admin<{ entities: Entities }>('GET', `/companies/${world().realmId}`)
      return Object.fromEntries(
        Object.entries(snap.entities).map(([k, v]) => [
          k,
          Array.isArray(v) ? Object.fromEntries(v.map((e) => [String(e.Id), e])) : v,
        ]),
      )
    },
    /** The worker's engine on this device: it asks the edge's /api/session before every run, as the app does. */
    engineOn(device: Device, over: Partial<EngineDeps> = {}): SyncEngine {
      const w = world()
      const { store, random } = device.deps()
      return new SyncEngine({
        store,
        gatewayFor: () => w.gateway,
        session: (since) => w.session(since),
        clock: w.clock,
        random,
        timers: idleTimers,
        ...over,
      })
    },
  }
}
