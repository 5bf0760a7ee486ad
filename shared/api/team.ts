/**
 * A company is a team: one QuickBooks grant in its RealmGate, any number of device sessions on it.
 * Each device has a role the edge enforces on every route and proxied call (403 `forbidden_role`).
 *
 * Routes (all same-origin `/api/team/*`, JSON):
 * - `GET  /api/team/devices`            owner: Devices
 * - `POST /api/team/join-codes`         owner: JoinCodeRequest → JoinCodeResponse
 * - `POST /api/team/join`               no session needed: JoinRequest → JoinResponse (sets the session cookie)
 * - `DELETE /api/team/devices/:id`      owner: → RemoveDeviceResponse (its next call answers `device_removed`)
 * - `PATCH /api/team/this-device`       any role: RenameDeviceRequest → Device
 */
import { z } from 'zod'

export const roles = ['owner', 'office', 'crew'] as const
export const Role = z.enum(roles)
export type Role = z.infer<typeof Role>

/** What each role may do; the edge and the UI both read this one table. */
export const rolePermissions = {
  /** Connect, disconnect, reconnect QuickBooks. */
  connection: ['owner'],
  /** Add and remove devices, see the device list. */
  devices: ['owner'],
  /** Change company-wide settings and mappings, approve manual exports. */
  settings: ['owner'],
  approveExports: ['owner'],
  /** Sync log, retries, link and match decisions. */
  decisions: ['owner', 'office'],
  /** Deletes and voids in QuickBooks (invoice void, payment delete or void). */
  deleteInQuickBooks: ['owner', 'office'],
  /** Contacts, jobs, invoices, payments: create and edit, and see every sync state. */
  records: ['owner', 'office', 'crew'],
} as const satisfies Record<string, readonly Role[]>
export type Permission = keyof typeof rolePermissions

export function may(role: Role, permission: Permission): boolean {
  return (rolePermissions[permission] as readonly Role[]).includes(role)
}

export const DeviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a device id')
  .brand<'DeviceId'>()
export type DeviceId = z.infer<typeof DeviceId>

export const DeviceName = z
  .string()
  .trim()
  .min(1, 'Give this device a name, for example "Van 2 tablet"')
  .max(60, 'Keep the name under 60 characters')
export type DeviceName = z.infer<typeof DeviceName>

export const Device = z.object({
  id: DeviceId,
  name: z.string(),
  role: Role,
  /** ISO time of the device's last call to the edge. */
  lastSeenAt: z.string(),
  addedAt: z.string(),
})
export type Device = z.infer<typeof Device>

export const Devices = z.object({ devices: z.array(Device), thisDeviceId: DeviceId })
export type Devices = z.infer<typeof Devices>

/**
 * Join codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX`.
 * Typed codes are upper-cased and the dash and spaces dropped before checking.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_LENGTH = 8
export const JOIN_CODE_TTL_MS = 10 * 60 * 1000
export const JOIN_CODE_MAX_TRIES = 5

export const JoinCode = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH, `A join code has ${JOIN_CODE_LENGTH} letters and digits`)
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), 'That is not a join code: check the letters and digits'),
  )
  .brand<'JoinCode'>()
export type JoinCode = z.infer<typeof JoinCode>

export const JoinCodeRequest = z.object({ role: z.enum(['office', 'crew', 'owner']) })
export type JoinCodeRequest = z.infer<typeof JoinCodeRequest>

export const JoinCodeResponse = z.object({
  /** Shown as XXXX-XXXX; only its hash is stored on the edge. */
  code: z.string(),
  role: Role,
  expiresAt: z.string(),
  /** The URL the QR code encodes: the app's join page with the code filled in. */
  joinUrl: z.string(),
})
export type JoinCodeResponse = z.infer<typeof JoinCodeResponse>

export const JoinRequest = z.object({ code: JoinCode, deviceName: DeviceName })
export type JoinRequest = z.infer<typeof JoinRequest>

export const JoinResponse = z.object({
  realmId: z.string(),
  companyName: z.string().nullable(),
  device: Device,
})
export type JoinResponse = z.infer<typeof JoinResponse>

export const RenameDeviceRequest = z.object({ name: DeviceName })
export type RenameDeviceRequest = z.infer<typeof RenameDeviceRequest>

export const RemoveDeviceResponse = z.object({
  removed: z.literal(true),
  numbersReturned: z.number().int().nonnegative(),
})
export type RemoveDeviceResponse = z.infer<typeof RemoveDeviceResponse>
