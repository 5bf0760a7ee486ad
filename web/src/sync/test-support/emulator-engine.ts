/** A SyncEngine on an emulator world's database and gateway, for tests that drive the engine's own methods. */
import type { Role, SessionResponse } from '#shared/api/index.ts'
import { DexieStore } from '../adapters/dexie-store.ts'
import { SyncEngine } from '../engine.ts'
import type { EmulatorWorld } from './emulator-world.ts'

/** This device's session on the world's company; timers never fire, so only the test's calls run. */
export function engineOn(
  world: EmulatorWorld,
  device: { name: string; role: Role; deviceCount: number } = { name: 'Tablet', role: 'owner', deviceCount: 1 },
): SyncEngine {
  const session: SessionResponse = {
    connected: true,
    realmId: world.realmId,
    companyName: 'Rivera Plumbing',
    refreshTokenExpiresAt: '2027-01-01T00:00:00Z',
    needsReconnect: false,
    device: {
      id: `device-${device.role}-0000000` as never,
      name: device.name,
      role: device.role,
      lastSeenAt: '2026-03-01T00:00:00Z',
      addedAt: '2026-03-01T00:00:00Z',
    },
    deviceCount: device.deviceCount,
    changes: { seq: 0, changed: false, entities: [] },
  }
  const noTimers = { setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {} }
  return new SyncEngine({
    store: new DexieStore(world.db),
    gatewayFor: () => world.gateway,
    session: async () => session,
    clock: world.clock,
    random: { next: () => 0.5, uuid: () => crypto.randomUUID() },
    timers: noTimers,
  })
}
