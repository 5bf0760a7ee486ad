/** A company with a team for the edge's tests: an owner who connected, and devices that joined by code. */
import { SELF, env } from 'cloudflare:test'
import type { JoinCodeResponse, Role } from '#shared/api/team.ts'
import { EDGE, cookieHeader, cookiesFrom } from './helpers.ts'
import { consent, freshCompany } from './emulator.ts'

/** What the app sends: JSON, same-origin. */
export const appJson = (cookie: string, extra: Record<string, string> = {}) => ({
  cookie,
  'content-type': 'application/json',
  origin: env.APP_ORIGIN,
  ...extra,
})

/** A fresh client address per call site, so the per-client join limit never spills between tests. */
export const clientIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`

export async function joinCode(ownerCookie: string, role: Role): Promise<JoinCodeResponse> {
  const res = await SELF.fetch(`${EDGE}/api/team/join-codes`, {
    method: 'POST',
    headers: appJson(ownerCookie),
    body: JSON.stringify({ role }),
  })
  if (res.status !== 200) throw new Error(`join-codes answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as JoinCodeResponse
}

export function join(code: string, deviceName: string, ip = clientIp()): Promise<Response> {
  return SELF.fetch(`${EDGE}/api/team/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: env.APP_ORIGIN, 'cf-connecting-ip': ip },
    body: JSON.stringify({ code, deviceName }),
  })
}

/** The session cookie a successful join set. */
export async function joined(ownerCookie: string, role: Role, deviceName = `${role} device`): Promise<string> {
  const res = await join((await joinCode(ownerCookie, role)).code, deviceName)
  if (res.status !== 200) throw new Error(`join answered ${res.status}: ${await res.text()}`)
  return cookieHeader(cookiesFrom(res))
}

export interface TeamOf {
  realmId: string
  owner: string
  office: string
  crew: string
}

/** A connected company with one device of each role. */
export async function teamOf(name = 'Team Plumbing'): Promise<TeamOf> {
  const realmId = await freshCompany(name)
  const owner = cookieHeader((await consent({ decision: 'connect', realmId })).jar)
  return { realmId, owner, office: await joined(owner, 'office'), crew: await joined(owner, 'crew') }
}
