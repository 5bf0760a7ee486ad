/**
 * The edge's allowlist and browser-only rules, probed through the real stack (wrangler dev, the built app,
 * the emulator) with a real session from the connect flow, the way a stolen cookie or a script injected
 * into the app would use it: each probe is refused and never reaches QuickBooks (the emulator's request
 * log shows nothing for the company), while an ordinary sync still goes through end to end.
 */
import { expect, test, type Page } from '@playwright/test'
import { admin, company, connectFromCard, nav, newContact, ownCompany, pending } from './journey-steps.ts'

interface LogEntry {
  seq: number
  method: string
  path: string
  realmId: string | null
}

async function logSince(page: Page, realmId: string, since: number): Promise<LogEntry[]> {
  const all = (await (await page.request.get(admin(`/requests?since=${since}`))).json()) as LogEntry[]
  return all.filter((e) => e.realmId === realmId)
}

async function lastSeq(page: Page): Promise<number> {
  const all = (await (await page.request.get(admin('/requests'))).json()) as LogEntry[]
  return all.reduce((m, e) => Math.max(m, e.seq), 0)
}

/** A request from inside the app's page: same origin, the session cookie, as an injected script would send it. */
function fromThePage(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, init)
      return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } }
    },
    { path, init },
  )
}

test('probes a stolen session would try are refused before QuickBooks; an ordinary sync still works', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  const realmId = await ownCompany(page, 'Probe Plumbing')
  await newContact(page, 'Ines', 'Probe', 'ines.probe@example.com')
  await connectFromCard(page, 'Connect', realmId)
  const cookies = await context.cookies()
  expect(cookies.find((c) => c.name === '__Host-fs_session')).toMatchObject({ secure: true, path: '/', httpOnly: true })

  const since = await lastSeq(page)
  const json = { 'content-type': 'application/json' }
  const api = `/api/qbo/${realmId}`
  const deletes = JSON.stringify({
    BatchItemRequest: Array.from({ length: 30 }, (_, i) => ({
      bId: `d${i}`,
      operation: 'delete',
      Invoice: { Id: String(i + 1), SyncToken: '0' },
    })),
  })
  const probes: Array<[string, string, Parameters<typeof fromThePage>[2]]> = [
    [
      'a permanent delete',
      `${api}/invoice?operation=delete&requestid=probe-1`,
      { method: 'POST', headers: json, body: '{"Id":"1","SyncToken":"0"}' },
    ],
    ['a batch of deletes', `${api}/batch?requestid=probe-2`, { method: 'POST', headers: json, body: deletes }],
    [
      'a form-encoded query',
      `${api}/query`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=select * from Customer',
      },
    ],
    ['a ;-smuggled query', `${api}/query?query=select%20*%20from%20Customer;query=select%20*%20from%20Employee`, {}],
  ]
  for (const [what, path, init] of probes) {
    const answer = await fromThePage(page, path, init)
    expect(answer.status, what).toBe(403)
    expect(answer.body.error?.code, what).toBe('forbidden_path')
  }

  // A cross-site page linking to the API: the top-level navigation carries the Lax cookie, and is refused.
  const target = `${baseURL}${api}/customer/1`
  await context.route('http://elsewhere.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<a id="go" href="${target}">open</a>` }),
  )
  const other = await context.newPage()
  await other.goto('http://elsewhere.test/')
  const [navigation] = await Promise.all([other.waitForResponse(target), other.click('#go')])
  expect(navigation.status()).toBe(403)
  expect(navigation.headers()['content-security-policy']).toBe("default-src 'none'; sandbox")
  expect(navigation.headers()['x-content-type-options']).toBe('nosniff')
  expect(((await navigation.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin')
  await other.close()

  // None of it reached QuickBooks. The app itself may read meanwhile (a query of its own, in the background); each
  // probe above was also answered by the edge's refusal, so only those reads are let through here.
  const reached = (await logSince(page, realmId, since)).filter(
    (e) => !(e.method === 'GET' && /\/v3\/company\/\d+\/query$/.test(String(e.path))),
  )
  expect(reached).toEqual([])

  // The app's own calls still go through: the initial sync sends the contact.
  await nav(page, 'Settings')
  await page
    .getByTestId('qbo-card')
    .getByRole('link', { name: /Initial sync/ })
    .click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toBeVisible({ timeout: 60_000 })
  await expect(pending(page)).toHaveText('0')
  const customers = (await company(page, realmId))['Customer'] ?? []
  expect(customers.filter((c) => c['DisplayName'] === 'Ines Probe')).toHaveLength(1)
  expect((await logSince(page, realmId, since)).length).toBeGreaterThan(0)
})
