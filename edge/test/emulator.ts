/**
 * Drives the emulator the edge tests run against: its admin API, and Intuit's consent page as a
 * browser would (follow the redirects by hand, keep the cookies).
 */
import { SELF, env } from 'cloudflare:test'
import { EDGE, cookieHeader, cookiesFrom } from './helpers.ts'

export async function admin<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${env.EMULATOR_URL}/__admin${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  })
  if (!res.ok) throw new Error(`emulator admin ${path}: ${res.status} ${await res.text()}`)
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T)
}

export interface LogEntry {
  seq: number
  method: string
  path: string
  status: number
  realmId: string | null
  requestId: string | null
  /** Emulator time, ISO. */
  time: string
}

export const requestLog = (since = 0) => admin<LogEntry[]>(`/requests?since=${since}`)
export const lastSeq = async () => (await requestLog()).reduce((m, e) => Math.max(m, e.seq), 0)
export const tokenCalls = (entries: LogEntry[]) => entries.filter((e) => e.path === '/oauth2/v1/tokens/bearer')

/** A company of its own for one test: a copy of the seeded company under a new realm id. */
export async function freshCompany(name = 'Test Plumbing'): Promise<string> {
  const companies = await admin<Array<{ realmId: string }>>('/companies')
  const source = companies[0]!.realmId
  const snapshot = await admin<Record<string, unknown>>(`/companies/${source}`)
  const realmId = `9${Math.floor(Math.random() * 1e15)}`
  const companyInfo = { ...(snapshot.companyInfo as Record<string, unknown>), CompanyName: name }
  await admin(`/companies/${realmId}/seed`, {
    method: 'POST',
    body: JSON.stringify({ ...snapshot, realmId, companyInfo }),
  })
  return realmId
}

export interface ConsentResult {
  /** The callback's answer (302 into the app, or the popup page). */
  callback: Response
  jar: Map<string, string>
  realmId: string
}

type Decision = { decision: 'connect'; realmId: string } | { decision: 'cancel' }

/** Connect → Intuit consent → callback, as the browser would, returning the callback's response. */
export async function consent(
  choice: Decision,
  opts: { popup?: boolean; tamper?: (callbackUrl: URL, jar: Map<string, string>) => void } = {},
): Promise<ConsentResult> {
  const start = await SELF.fetch(`${EDGE}/auth/intuit/connect${opts.popup ? '?popup=1' : ''}`, { redirect: 'manual' })
  if (start.status !== 302) throw new Error(`connect answered ${start.status}`)
  const jar = cookiesFrom(start)
  const page = await fetch(start.headers.get('location')!)
  const html = await page.text()
  if (page.status !== 200) throw new Error(`consent page ${page.status}: ${html.slice(0, 200)}`)
  const form = new URLSearchParams()
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (m[1] !== 'realmId') form.set(m[1]!, decodeEntities(m[2]!))
  }
  form.set('decision', choice.decision)
  if (choice.decision === 'connect') form.set('realmId', choice.realmId)
  const decided = await fetch(`${env.EMULATOR_URL}/connect/oauth2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  })
  if (decided.status !== 302)
    throw new Error(`consent answered ${decided.status}: ${(await decided.text()).slice(0, 300)}`)
  const callbackUrl = new URL(decided.headers.get('location')!)
  opts.tamper?.(callbackUrl, jar)
  const callback = await SELF.fetch(`${EDGE}${callbackUrl.pathname}${callbackUrl.search}`, {
    headers: { cookie: cookieHeader(jar) },
    redirect: 'manual',
  })
  cookiesFrom(callback, jar)
  return { callback, jar, realmId: choice.decision === 'connect' ? choice.realmId : '' }
}

const decodeEntities = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** Runs the flow up to Intuit's redirect, without calling the callback: its path and the browser's cookies. */
export async function consentUntilCallback(realmId: string): Promise<{ url: string; cookie: string }> {
  let stopped: { url: string; cookie: string } | null = null
  await consent(
    { decision: 'connect', realmId },
    {
      tamper: (url, jar) => {
        stopped = { url: `${url.pathname}${url.search}`, cookie: cookieHeader(jar) }
        throw new Error('stopped before the callback')
      },
    },
  ).catch((err: unknown) => {
    if (!stopped) throw err
  })
  return stopped!
}
