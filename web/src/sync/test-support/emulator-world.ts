/**
 * An emulator on a free loopback port with the `small` seed, a bearer token for its sandbox company, and the
 * runner's ports wired to it: the integration tests' world. The admin API reads the company's state back, so
 * tests check what QuickBooks holds, not what the runner believes it sent.
 * @module
 */
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '#emulator/src/serve.ts'
import { SMALL_REALM_ID } from '#emulator/src/seeds/small.ts'
import { testClock, testDb } from '../../db/test-db.ts'
import type { FieldsyncDB } from '../../db/schema.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import { directGateway } from '../adapters/edge-gateway.ts'
import type { Clock, QboEntity, QboGateway } from '../ports.ts'
import { fakeClock } from './fake-clock.ts'
import type { RunnerDeps } from '../runner/index.ts'

export interface EmulatorWorld {
  emu: RunningEmulator
  realmId: string
  db: FieldsyncDB
  gateway: QboGateway
  clock: Clock & { advance(ms: number): void }
  deps(over?: Partial<RunnerDeps>): RunnerDeps
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>
  /** The company's entities of one kind, as QuickBooks holds them. */
  entities(entity: 'Customer' | 'Item' | 'Invoice' | 'Payment'): Promise<QboEntity[]>
  close(): Promise<void>
}

/** The emulator's admin API, and a company's entities of one kind as QuickBooks holds them. */
export function emulatorAdmin(url: string, realmId: string): Pick<EmulatorWorld, 'admin' | 'entities'> {
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/__admin${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    })
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  return {
    admin,
    async entities(entity) {
      const snap = await admin<Record<string, unknown>>('GET', `/companies/${realmId}`)
      const list = (snap['entities'] as Record<string, unknown> | undefined)?.[entity] ?? snap[entity]
      return Array.isArray(list) ? (list as QboEntity[]) : Object.values((list ?? {}) as Record<string, QboEntity>)
    },
  }
}

export async function startEmulatorWorld(opts: StartEmulatorOptions = {}): Promise<EmulatorWorld> {
  const emu = await startEmulator({ port: 0, seed: 'small', timeScale: 1000, ...opts })
  const realmId = SMALL_REALM_ID
  const { admin, entities } = emulatorAdmin(emu.url, realmId)
  const token = await admin<{ access_token: string }>('POST', '/tokens/connect', { realmId })
  const gateway = directGateway(emu.url, realmId, () => token.access_token)
  const db = testDb(testClock('2026-03-01T09:00:00.000Z'))
  const clock = fakeClock('2026-03-01T09:00:00Z')
  let n = 0
  const random = { next: () => (n = (n * 16807 + 7) % 2147483647) / 2147483647, uuid: () => crypto.randomUUID() }
  return {
    emu,
    realmId,
    db,
    gateway,
    admin,
    clock,
    deps: (over = {}) => ({ store: new DexieStore(db), gateway, clock, random, realmId, ...over }),
    entities,
    close: () => emu.close(),
  }
}
