/**
 * `/api/company/settings` (shared/api/company-settings.ts): every device reads the company's one copy;
 * owners write it, naming the version they started from. A stale write answers 409
 * `settings_conflict` with the current copy in `current`, so the app can show it and try again.
 */
import { Hono } from 'hono'
import { PutCompanySettings, type SettingsConflictBody } from '#shared/api/company-settings.ts'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { currentSession } from '../session/current.ts'
import { readJson } from './read-json.ts'

export const companySettingsRoutes = new Hono<AppEnv>()

companySettingsRoutes.get('/', async (c) => {
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'This device has no session with a company.')
  const doc = await c.env.REALM_GATE.getByName(session.realmId).companySettings(session.device)
  if (!doc.ok) return apiError(c, doc.error.code, doc.error.message)
  c.header('Cache-Control', 'no-store')
  return c.json(doc.value)
})

companySettingsRoutes.put('/', async (c) => {
  const session = await currentSession(c)
  if (!session) return apiError(c, 'unauthenticated', 'This device has no session with a company.')
  const put = await readJson(c, PutCompanySettings)
  if (!put.ok) return apiError(c, put.error.code, put.error.message)
  const written = await c.env.REALM_GATE.getByName(session.realmId).putCompanySettings(session.device, put.value)
  c.header('Cache-Control', 'no-store')
  if (written.ok) return c.json(written.value)
  const { code, message, current } = written.error
  if (code === 'settings_conflict' && current !== undefined) {
    return c.json({ error: { code, message }, current } satisfies SettingsConflictBody, 409)
  }
  return apiError(c, code, message)
})
