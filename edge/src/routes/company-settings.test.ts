/** Company settings: one versioned copy per company, read by every device, written by owners only. */
import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { CompanySettingsDoc, SettingsConflictBody, defaultCompanySettings } from '#shared/api/company-settings.ts'
import { ApiErrorBody } from '#shared/api/errors.ts'
import { EDGE } from '../../test/helpers.ts'
import { appJson, teamOf } from '../../test/team.ts'

const read = async (cookie: string) =>
  CompanySettingsDoc.parse(await (await SELF.fetch(`${EDGE}/api/company/settings`, { headers: { cookie } })).json())
const put = (cookie: string, body: unknown) =>
  SELF.fetch(`${EDGE}/api/company/settings`, { method: 'PUT', headers: appJson(cookie), body: JSON.stringify(body) })

describe('company settings', () => {
  it('start at version 0 with the defaults, and an owner’s change reaches every device of the company only', async () => {
    const team = await teamOf()
    const other = await teamOf()
    expect(await read(team.crew)).toEqual({
      version: 0,
      settings: defaultCompanySettings,
      updatedAt: null,
      updatedBy: null,
    })
    const settings = { ...defaultCompanySettings, depositAccountId: '35', exportMode: 'manual' }
    const res = await put(team.owner, { baseVersion: 0, settings })
    expect(res.status).toBe(200)
    expect(CompanySettingsDoc.parse(await res.json())).toMatchObject({ version: 1, settings })
    for (const cookie of [team.owner, team.office, team.crew]) {
      expect(await read(cookie)).toMatchObject({
        version: 1,
        settings: { depositAccountId: '35', exportMode: 'manual' },
      })
    }
    expect(await read(other.office)).toMatchObject({ version: 0 })
  })

  it('answer a write based on an older version with 409 and the current copy', async () => {
    const team = await teamOf()
    await put(team.owner, { baseVersion: 0, settings: { ...defaultCompanySettings, historyMonths: 24 } })
    const stale = await put(team.owner, { baseVersion: 0, settings: { ...defaultCompanySettings, historyMonths: 3 } })
    expect(stale.status).toBe(409)
    const body = SettingsConflictBody.parse(await stale.json())
    expect(body).toMatchObject({
      error: { code: 'settings_conflict' },
      current: { version: 1, settings: { historyMonths: 24 } },
    })
  })

  it('refuse a write from office or crew, and a malformed one', async () => {
    const team = await teamOf()
    for (const cookie of [team.office, team.crew]) {
      const res = await put(cookie, { baseVersion: 0, settings: defaultCompanySettings })
      expect(res.status).toBe(403)
      expect(ApiErrorBody.parse(await res.json()).error).toEqual({
        code: 'forbidden_role',
        message: "Only the company's owner can change the company's settings.",
      })
    }
    const bad = await put(team.owner, { baseVersion: 0, settings: { historyMonths: 500 } })
    expect(bad.status).toBe(400)
    expect(await read(team.office)).toMatchObject({ version: 0 })
  })
})
