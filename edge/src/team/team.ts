/**
 * The company's devices as the RealmGate sees them: who may call (admission on every route and
 * proxied call), who is added by a connect or a join, and who is removed. A session is valid while
 * the company is connected and its device exists and was not removed; its role decides the rest.
 */
import { err, ok, type Result } from '#shared/result.ts'
import { may, type Device, type Permission, type Role } from '#shared/api/team.ts'
import { randomBase64Url } from '../crypto/base64.ts'
import { sessionEnded } from '../gate/outcomes.ts'
import * as store from '../gate/store.ts'
import type { GateError } from '../gate/upstream.ts'
import * as devices from './devices.ts'
import { forbidden } from './roles.ts'

/** A device's last-seen time is written at most this often, so a busy device costs no extra writes. */
export const SEEN_EVERY_MS = 60_000

const notConnected: GateError = { code: 'not_connected', message: 'This QuickBooks company is not connected.' }

export function removedMessage(companyName: string | null): string {
  return `This device was removed from ${companyName ?? 'this company'} by its owner.`
}

export class Team {
  /** When each device's last-seen time was last written (this instance's memory, not storage). */
  readonly #seen = new Map<string, number>()

  readonly sql: SqlStorage

  constructor(sql: SqlStorage) {
    this.sql = sql
  }

  /** The caller's device if its session is valid and its role may do `permission`, else why not. */
  admit(
    deviceId: string,
    permission: Permission,
    action?: string,
    now = Date.now(),
  ): Result<devices.DeviceRow, GateError> {
    const connection = store.readConnection(this.sql)
    if (connection === null || connection.sealed_tokens === null) return err(notConnected)
    const row = devices.readDevice(this.sql, deviceId)
    if (row === null) return err(sessionEnded)
    if (row.removed_at !== null)
      return err({ code: 'device_removed', message: removedMessage(connection.company_name) })
    if (!may(row.role, permission)) return err(forbidden(permission, action))
    if (now - (this.#seen.get(row.id) ?? row.last_seen_at) >= SEEN_EVERY_MS) {
      devices.touchDevice(this.sql, row.id, now)
      this.#seen.set(row.id, now)
      row.last_seen_at = now
    }
    return ok(row)
  }

  /**
   * The browser that completed a connect: it stays the device it was (now an owner) if its session
   * named a live device of this company, or becomes a new owner device. No other device is touched.
   */
  ownerFromConnect(existingId: string | null, name: string, now = Date.now()): devices.DeviceRow {
    const existing = existingId === null ? null : devices.readDevice(this.sql, existingId)
    if (existing !== null && existing.removed_at === null) {
      devices.setRole(this.sql, existing.id, 'owner', now)
      return devices.readDevice(this.sql, existing.id)!
    }
    return devices.insertDevice(this.sql, randomBase64Url(18), name, 'owner', now)
  }

  /**
   * A session from before device sessions named the grant it began with: while that grant is still the
   * company's, its browser becomes an owner device under the session's id (it was the owner's connect).
   */
  adoptLegacy(grant: string, sid: string, now = Date.now()): Result<devices.DeviceRow, GateError> {
    const connection = store.readConnection(this.sql)
    if (connection === null || connection.sealed_tokens === null) return err(notConnected)
    if (connection.grant_id !== grant) return err(sessionEnded)
    const existing = devices.readDevice(this.sql, sid)
    if (existing !== null) return existing.removed_at === null ? ok(existing) : err(sessionEnded)
    return ok(devices.insertDevice(this.sql, sid, 'Owner device', 'owner', now))
  }

  /** A device that joined by code; only while the company is connected. */
  join(role: Role, name: string, now = Date.now()): Result<devices.DeviceRow, GateError> {
    const connection = store.readConnection(this.sql)
    if (connection === null || connection.sealed_tokens === null) return err(notConnected)
    return ok(devices.insertDevice(this.sql, randomBase64Url(18), name, role, now))
  }

  list(): Device[] {
    return devices.activeDevices(this.sql).map(devices.toDevice)
  }

  count(): number {
    return devices.countActiveDevices(this.sql)
  }

  /** Marks `targetId` removed (by `byId`, never itself); its next call answers `device_removed`. */
  remove(targetId: string, byId: string, now = Date.now()): Result<devices.DeviceRow, GateError> {
    if (targetId === byId) {
      const message = 'This is the device you are using: remove it from another owner device, or disconnect.'
      return err({ code: 'bad_request', message })
    }
    const row = devices.readDevice(this.sql, targetId)
    if (row === null || row.removed_at !== null)
      return err({ code: 'not_found', message: 'That device is not one of this company’s devices.' })
    devices.markRemoved(this.sql, targetId, now)
    this.#seen.delete(targetId)
    return ok(row)
  }

  rename(id: string, name: string): Device {
    devices.renameDevice(this.sql, id, name)
    return devices.toDevice(devices.readDevice(this.sql, id)!)
  }

  /** Disconnect: every device's session ends. */
  endAll(): void {
    devices.deleteAllDevices(this.sql)
    this.#seen.clear()
  }
}
