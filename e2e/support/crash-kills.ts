/**
 * The kills of the crash journey: the page reloaded mid-push at seeded moments, each checked to have landed while
 * a write was on its way, and the push resumed after each.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { admin, syncNow } from '../journey-steps.ts'
import { editAmyAgain } from './crash-work.ts'
import { ADVANCE_WINDOWS, chaosFor, DROPPING, EDIT_AGAIN, HOLD_MS, KILLS, LEFT_ALONE } from './crash-plan.ts'
import { local } from './crash-store.ts'
import { describeWrite, type Writes } from './crash-writes.ts'

/**
 * The 20 kills. Each waits for a write of the page's push to be sent (after an answer, on the advancing kills),
 * reloads the page at a seeded moment while that write is on its way, checks the kill landed mid-push, and lets
 * the next page resume: by itself or by Sync Now. Where each kill landed goes to the test's output as kills.txt.
 */
export async function killMidPush(
  page: Page,
  writes: Writes,
  realmId: string,
  rand: () => number,
  amyPhone: string,
): Promise<void> {
  const advancing = new Set(ADVANCE_WINDOWS.map(([from, to]) => from + Math.floor(rand() * (to - from + 1))))
  const kills: string[] = []
  const resumed = { alone: 0, beforeClick: 0 }
  try {
    for (let cycle = 0; cycle < KILLS; cycle++) {
      expect(writes.cycle).toBe(cycle)
      // A push that stops sending with work still queued is named by what the outbox holds and why.
      const orStuck = (wait: Promise<void>) =>
        wait.catch(async (e: unknown) => {
          const rows = (await local(page)).outbox.map(
            (r) => `${r.kind} ${r.localId}: ${r.lastError?.message ?? 'no error'}`,
          )
          throw new Error(
            `${e instanceof Error ? e.message : String(e)}; the outbox holds ${rows.length}: ${rows.join('; ')}`,
          )
        })
      await orStuck(writes.until(() => writes.of(cycle).length > 0, `cycle ${cycle}: a write request`))
      let target = writes.of(cycle)[0]!
      if (advancing.has(cycle)) {
        // Let one write come back, then kill on the next one sent after it.
        await orStuck(
          writes.until(() => writes.of(cycle).some((w) => w.state === 'answered'), `cycle ${cycle}: a write answered`),
        )
        const sent = writes.of(cycle).length
        await orStuck(
          writes.until(() => writes.of(cycle).length > sent, `cycle ${cycle}: a write after an answered one`),
        )
        target = writes.of(cycle)[sent]!
      }
      if (cycle === EDIT_AGAIN) await editAmyAgain(page, amyPhone)
      // The kill point: a seeded moment in the first half of the target write's hold, counted from when it was
      // sent (the app may have resumed by itself before this cycle began), so it is still on its way.
      await page.waitForTimeout(Math.max(0, target.sentAt + Math.floor((rand() * HOLD_MS) / 2) - Date.now()))
      // The next page meets the emulator as it will be for its whole life.
      await page.request.put(admin(`/companies/${realmId}/chaos`), { data: chaosFor(cycle + 1) })
      const after = Date.now() - target.sentAt
      if (!DROPPING.has(cycle))
        expect(target.state, `cycle ${cycle}: the target write is on its way ${after} ms after it was sent`).toBe(
          'on its way',
        )
      await writes.kill()

      // The kill landed mid-push: a write was cut off on its way (or, with drops, one's answer was lost) and the
      // outbox still holds work. That the writes reached QuickBooks is checked later: the next page is pushing.
      const outbox = (await local(page)).outbox.length
      const mine = writes.of(cycle)
      const cut = mine.filter((w) => w.state === 'cut off').length
      // 502: the edge got no answer from QuickBooks (the emulator dropped the connection after applying the write).
      const lost = mine.filter((w) => w.status === 502).length
      kills.push(
        `kill ${cycle + 1}${advancing.has(cycle) ? ' (after an answer)' : ''}${DROPPING.has(cycle) ? ' (drops)' : ''}: ${mine.map(describeWrite).join(', ')}; ` +
          `outbox ${outbox}; ${after} ms after the target was sent`,
      )
      if (DROPPING.has(cycle))
        expect(cut + lost, `cycle ${cycle}: a write cut off or its answer lost`).toBeGreaterThanOrEqual(1)
      else expect(cut, `cycle ${cycle}: a write cut off on its way`).toBeGreaterThanOrEqual(1)
      expect(outbox, `cycle ${cycle}: the outbox still holds work after the reload`).toBeGreaterThan(0)

      // Whether the app resumes the push by itself is noted, not required: Sync Now resumes it where it does not.
      const next = cycle + 1
      if (LEFT_ALONE.has(cycle)) {
        await writes
          .until(() => writes.of(next).length > 0, 'the app to resume by itself', 3_000)
          .then(
            () => {
              resumed.alone++
            },
            () => undefined,
          )
      }
      if (!LEFT_ALONE.has(cycle) || writes.of(next).length === 0) {
        if (writes.of(next).length > 0) resumed.beforeClick++
        await expect(page.getByTestId('qbo-card').getByTestId('qbo-connected')).toHaveText('Connected')
        await syncNow(page)
      }
    }
    kills.push(
      `left alone after ${LEFT_ALONE.size} kills, the app resumed by itself after ${resumed.alone}; ` +
        `after ${resumed.beforeClick} of the other ${KILLS - LEFT_ALONE.size} it had sent a write before Sync Now was clicked`,
    )
  } finally {
    mkdirSync(test.info().outputDir, { recursive: true })
    writeFileSync(test.info().outputPath('kills.txt'), kills.join('\n'))
    await test.info().attach('kills', { path: test.info().outputPath('kills.txt'), contentType: 'text/plain' })
  }
}
