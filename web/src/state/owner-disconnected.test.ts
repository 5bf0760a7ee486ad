import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceId, SessionResponse } from '#shared/api/index.ts'

const connected: SessionResponse = {
  connected: true,
  realmId: '9341',
  companyName: 'Dripless Plumbing',
  device: {
    id: 'device-0123456789abcdef' as DeviceId,
    name: 'Van 2',
    role: 'crew',
    lastSeenAt: '2026-12-07T10:00:00Z',
    addedAt: '2026-12-01T10:00:00Z',
  },
  deviceCount: 3,
  refreshTokenExpiresAt: '2027-03-01T00:00:00Z',
  needsReconnect: false,
  changes: { seq: 0, changed: false, entities: [] },
}
const notConnected: SessionResponse = { connected: false, needsReconnect: false }

beforeEach(() => {
  vi.resetModules()
  const kept = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
  })
})

describe('ownerDisconnected', () => {
  it("is an office or crew device's session ended by a disconnect, until it is connected again", async () => {
    const m = await import('./owner-disconnected.ts')
    m.noteSessionAnswer('crew', notConnected)
    expect(m.ownerDisconnected()).toBe(true)
    m.noteSessionAnswer('owner', connected)
    expect(m.ownerDisconnected()).toBe(false)
  })
  it("is never the owner's own device, nor a device that has to reconnect", async () => {
    const m = await import('./owner-disconnected.ts')
    m.noteSessionAnswer('owner', notConnected)
    m.noteSessionAnswer('office', { connected: false, needsReconnect: true })
    expect(m.ownerDisconnected()).toBe(false)
  })
  it('is remembered across a reload', async () => {
    ;(await import('./owner-disconnected.ts')).noteSessionAnswer('office', notConnected)
    vi.resetModules()
    expect((await import('./owner-disconnected.ts')).ownerDisconnected()).toBe(true)
  })
})
