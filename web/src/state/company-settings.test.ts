import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultCompanySettings, type CompanySettingsDoc } from '#shared/api/index.ts'
import { getSettings, updateSettings } from '../db/settings.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import { testDb } from '../db/test-db.ts'
import { adoptCompanySettings, saveCompanySettings } from './company-settings-api.ts'
import { applyCompanySettings } from './company-settings.ts'

const REALM = '9341'
const doc = (version: number, over: Partial<CompanySettingsDoc['settings']> = {}): CompanySettingsDoc => ({
  version,
  settings: { ...defaultCompanySettings, ...over },
  updatedAt: version ? '2026-12-07T10:00:00Z' : null,
  updatedBy: null,
})
const answer = (status: number, body: unknown) =>
  vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }))

let db: FieldsyncDB
beforeEach(() => {
  const kept = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => void kept.set(k, v),
    removeItem: (k: string) => void kept.delete(k),
  })
  db = testDb()
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await db.delete()
})

describe('caching the company settings in the settings row', () => {
  it('writes the company fields and the version, clearing an account the company has none for', async () => {
    await updateSettings(db, { depositAccountId: '35', currency: 'CAD', pullIntervalMinutes: 5 })
    expect(await applyCompanySettings(db, doc(3, { exportMode: 'manual', defaultIncomeAccountId: '79' }), REALM)).toBe(
      true,
    )
    const s = await getSettings(db)
    expect(s).toMatchObject({ exportMode: 'manual', defaultIncomeAccountId: '79', companySettingsVersion: 3 })
    expect(s.depositAccountId).toBeUndefined()
    // The device's own settings stay as they were.
    expect(s).toMatchObject({ currency: 'CAD', pullIntervalMinutes: 5 })
  })
  it('keeps a later version when an older copy arrives after it', async () => {
    await applyCompanySettings(db, doc(5, { depositAccountId: '35' }), REALM)
    expect(await applyCompanySettings(db, doc(4, { depositAccountId: '36' }), REALM)).toBe(false)
    expect((await getSettings(db)).depositAccountId).toBe('35')
  })
  it("takes another company's copy whatever its version", async () => {
    await applyCompanySettings(db, doc(5, { depositAccountId: '35' }), REALM)
    expect(await applyCompanySettings(db, doc(1, { depositAccountId: '90' }), '5555')).toBe(true)
    expect(await getSettings(db)).toMatchObject({ depositAccountId: '90', companySettingsVersion: 1 })
  })
})

describe('connecting', () => {
  it("gives a never-written company its owner's settings", async () => {
    await updateSettings(db, { depositAccountId: '35', exportMode: 'manual' })
    const f = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(new Response(JSON.stringify(doc(0))))
      .mockResolvedValueOnce(new Response(JSON.stringify(doc(1, { depositAccountId: '35', exportMode: 'manual' }))))
    const r = await adoptCompanySettings(db, REALM, true, f)
    expect(r.ok && r.value.version).toBe(1)
    const put = JSON.parse(f.mock.calls[1]![1]!.body as string) as { baseVersion: number; settings: object }
    expect(put.baseVersion).toBe(0)
    expect(put.settings).toMatchObject({ depositAccountId: '35', exportMode: 'manual' })
    expect((await getSettings(db)).companySettingsVersion).toBe(1)
  })
  it("gives a joining device the company's settings over its own", async () => {
    await updateSettings(db, { depositAccountId: '35' })
    await adoptCompanySettings(db, REALM, false, answer(200, doc(0)))
    expect((await getSettings(db)).depositAccountId).toBeUndefined()
  })
})

describe("an owner's change", () => {
  it('is written with the version it was based on, then cached', async () => {
    await applyCompanySettings(db, doc(2), REALM)
    const f = answer(200, doc(3, { depositAccountId: '36' }))
    const r = await saveCompanySettings(db, REALM, { depositAccountId: '36' }, f)
    expect(r.ok).toBe(true)
    expect(f.mock.calls[0]![1]!.method).toBe('PUT')
    expect(JSON.parse(f.mock.calls[0]![1]!.body as string)).toMatchObject({
      baseVersion: 2,
      settings: { depositAccountId: '36' },
    })
    expect(await getSettings(db)).toMatchObject({ depositAccountId: '36', companySettingsVersion: 3 })
  })
  it("on a conflict takes the other device's copy and says so", async () => {
    await applyCompanySettings(db, doc(2), REALM)
    const r = await saveCompanySettings(
      db,
      REALM,
      { depositAccountId: '36' },
      answer(409, {
        error: { code: 'settings_conflict', message: 'stale' },
        current: doc(4, { depositAccountId: '40' }),
      }),
    )
    expect(!r.ok && r.error.kind).toBe('conflict')
    expect(!r.ok && r.error.message).toMatch(/changed the company settings on another device/)
    expect(await getSettings(db)).toMatchObject({ depositAccountId: '40', companySettingsVersion: 4 })
  })
  it('offline, asks for a connection and changes nothing', async () => {
    await applyCompanySettings(db, doc(2), REALM)
    const r = await saveCompanySettings(
      db,
      REALM,
      { depositAccountId: '36' },
      vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    expect(!r.ok && r.error.message).toMatch(/^Connect to change company settings/)
    expect((await getSettings(db)).depositAccountId).toBeUndefined()
  })
  it('passes on a refusal for the role', async () => {
    const r = await saveCompanySettings(
      db,
      REALM,
      { exportMode: 'manual' },
      answer(403, { error: { code: 'forbidden_role', message: 'Only an owner can change company settings.' } }),
    )
    expect(r).toEqual({
      ok: false,
      error: { kind: 'forbidden_role', message: 'Only an owner can change company settings.' },
    })
  })
})
