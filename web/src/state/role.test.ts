import { describe, expect, it, vi } from 'vitest'
import type { SessionResponse } from '#shared/api/index.ts'
import type { DeviceId, Role } from '#shared/api/team.ts'
import { can, lastRole, noteRole, roleOf } from './role.ts'

const connected = (role: Role): SessionResponse => ({
  connected: true,
  realmId: '9341',
  companyName: 'Dripless Plumbing',
  device: {
    id: 'device-0123456789abcdef' as DeviceId,
    name: 'Van 2',
    role,
    lastSeenAt: '2026-12-07T10:00:00Z',
    addedAt: '2026-12-01T10:00:00Z',
  },
  deviceCount: 3,
  refreshTokenExpiresAt: '2027-03-01T00:00:00Z',
  needsReconnect: false,
  changes: { seq: 0, changed: false, entities: [] },
})

describe('roleOf', () => {
  it('is the role the edge names for this device', () => {
    expect(roleOf(connected('crew'))).toBe('crew')
    expect(roleOf(connected('office'))).toBe('office')
  })
  it('is the owner on a tablet with no company', () => {
    expect(roleOf({ connected: false, needsReconnect: false })).toBe('owner')
  })
  it("is the last answer's before an answer comes, and the owner on a device that never had one", () => {
    const kept = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
    })
    expect(lastRole()).toBe('owner')
    noteRole(connected('crew'))
    expect(lastRole()).toBe('crew')
    vi.unstubAllGlobals()
  })
})

describe('can', () => {
  it('follows the shared table for each role', () => {
    expect(can('crew', 'connection')).toBe(false)
    expect(can('crew', 'settings')).toBe(false)
    expect(can('crew', 'decisions')).toBe(false)
    expect(can('crew', 'deleteInQuickBooks')).toBe(false)
    expect(can('crew', 'records')).toBe(true)
    expect(can('office', 'decisions')).toBe(true)
    expect(can('office', 'devices')).toBe(false)
    expect(can('owner', 'devices')).toBe(true)
    expect(can('owner', 'approveExports')).toBe(true)
  })
})
