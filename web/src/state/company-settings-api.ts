/**
 * Reading and changing the company's settings on the edge. A change names the version it was based on; when
 * someone changed them meanwhile the device takes the current copy and says so, and offline it says a connection
 * is needed (a company-wide change is never queued behind the others' backs).
 * @module
 */
import { z } from 'zod'
import { CompanySettings, CompanySettingsDoc, type ApiErrorCode } from '#shared/api/index.ts'
import type { SettingsInput } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { getSettings } from '../db/settings.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { applyCompanySettings, companySettingsOf, heldVersion, type CompanyField } from './company-settings.ts'
import { edgeCall, type EdgeCallError } from './edge-call.ts'

const PATH = '/api/company/settings'

export const fetchCompanySettings = (fetchFn?: typeof fetch) => edgeCall(CompanySettingsDoc, PATH, {}, fetchFn)

export type SaveError = { kind: 'conflict' | 'offline' | 'invalid' | ApiErrorCode | 'unreadable'; message: string }

/** A stale write's answer carries the current copy, beside the error or inside it. */
const ConflictBody = z.union([
  z.object({ current: CompanySettingsDoc }).transform((b) => b.current),
  z.object({ error: z.object({ current: CompanySettingsDoc }) }).transform((b) => b.error.current),
])

/**
 * One read or write of the company's settings at a time on this device: a change the owner makes while connecting
 * shares the device's settings (or while a refresh is in flight) is then based on the version that step leaves,
 * instead of being refused as based on an older one.
 */
let turn: Promise<unknown> = Promise.resolve()
function inTurn<T>(step: () => Promise<T>): Promise<T> {
  const next = turn.then(step, step)
  turn = next.catch(() => undefined)
  return next
}

/** Reads the company's copy and caches it; an unreachable edge leaves the cached one as it is. */
export function refreshCompanySettings(
  db: FieldsyncDB,
  realmId: string,
  fetchFn?: typeof fetch,
): Promise<Result<CompanySettingsDoc, EdgeCallError>> {
  return inTurn(async () => {
    const r = await fetchCompanySettings(fetchFn)
    if (r.ok) await applyCompanySettings(db, r.value, realmId)
    return r
  })
}

/**
 * On connecting: a company whose settings were never written takes its owner's, as this device had them (so
 * connecting changes nothing the owner chose); otherwise the company's copy replaces the device's.
 */
export function adoptCompanySettings(
  db: FieldsyncDB,
  realmId: string,
  isOwner: boolean,
  fetchFn?: typeof fetch,
): Promise<Result<CompanySettingsDoc, EdgeCallError | SaveError>> {
  return inTurn(async () => {
    const r = await fetchCompanySettings(fetchFn)
    if (!r.ok) return r
    if (r.value.version === 0 && isOwner) {
      const seeded = await saveNow(db, realmId, {}, fetchFn)
      if (seeded.ok) return seeded
    }
    await applyCompanySettings(db, r.value, realmId)
    return r
  })
}

/** An owner's change to company fields: written on the edge first, then cached here. */
export function saveCompanySettings(
  db: FieldsyncDB,
  realmId: string,
  patch: Partial<Pick<SettingsInput, CompanyField>>,
  fetchFn?: typeof fetch,
): Promise<Result<CompanySettingsDoc, SaveError>> {
  return inTurn(() => saveNow(db, realmId, patch, fetchFn))
}

async function saveNow(
  db: FieldsyncDB,
  realmId: string,
  patch: Partial<Pick<SettingsInput, CompanyField>>,
  fetchFn?: typeof fetch,
): Promise<Result<CompanySettingsDoc, SaveError>> {
  const held = await getSettings(db)
  const baseVersion = await heldVersion(db, realmId)
  const next = CompanySettings.safeParse({ ...companySettingsOf(held), ...patch })
  if (!next.success) return err({ kind: 'invalid', message: next.error.issues[0]?.message ?? 'Not a valid setting' })
  const r = await edgeCall(
    CompanySettingsDoc,
    PATH,
    { method: 'PUT', body: { baseVersion, settings: next.data } },
    fetchFn,
  )
  if (r.ok) {
    await applyCompanySettings(db, r.value, realmId)
    return ok(r.value)
  }
  switch (r.error.kind) {
    case 'settings_conflict': {
      const carried = ConflictBody.safeParse(r.error.body)
      const current = carried.success ? ok(carried.data) : await fetchCompanySettings(fetchFn)
      if (current.ok) await applyCompanySettings(db, current.value, realmId)
      return err({
        kind: 'conflict',
        message:
          'Someone changed the company settings on another device meanwhile. Their version is shown now: ' +
          'check it and make your change again.',
      })
    }
    case 'offline':
      return err({
        kind: 'offline',
        message: 'Connect to change company settings: they are shared by every device of the company.',
      })
    default:
      return err({ kind: r.error.kind, message: r.error.message })
  }
}
