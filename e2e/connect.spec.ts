import { expect, test } from '@playwright/test'

// The whole connect journey on the stack `npm start` runs: the edge sends the browser to the
// emulator's consent page, the user picks a company, and the callback lands back in the app.

test('Connect completes the emulator consent and the session shows the company', async ({ page }) => {
  await page.goto('/')
  await page.goto('/auth/intuit/connect')
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible()
  const company = page.getByRole('radio').first()
  const companyName = ((await company.locator('xpath=..').textContent()) ?? '').trim()
  expect(companyName).not.toBe('')
  await company.check()
  await page.getByRole('button', { name: 'Connect' }).click()

  await expect(page).toHaveURL(/\/#\/settings\?qbo=connected$/)
  const session = await page.request.get('/api/session')
  expect(session.status()).toBe(200)
  expect(await session.json()).toMatchObject({ connected: true, companyName, needsReconnect: false })

  // The session cookie is the edge's business only.
  const cookies = await page.context().cookies()
  expect(cookies.find((c) => c.name === '__Host-fs_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Lax',
    secure: true,
    path: '/',
  })
  expect(await page.evaluate(() => document.cookie)).not.toContain('fs_session')
})

test('In a popup, the outcome is posted to the app and the popup closes', async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => {
    ;(window as unknown as { outcome: Promise<unknown> }).outcome = new Promise((resolve) =>
      window.addEventListener('message', (e) => {
        if (e.origin === window.location.origin) resolve(e.data)
      }),
    )
  })
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate(() => window.open('/auth/intuit/connect?popup=1', 'qbo', 'width=600,height=700')),
  ])
  // Listen before clicking: the popup may close before the opener's message is read.
  const closed = popup.waitForEvent('close')
  await popup.getByRole('button', { name: 'Cancel' }).click()
  const outcome = await page.evaluate(() => (window as unknown as { outcome: Promise<unknown> }).outcome)
  expect(outcome).toMatchObject({ type: 'fieldsync:qbo-connect', status: 'error', code: 'access_denied' })
  await closed
})
