import { describe, expect, it } from 'vitest'
import { scopeOfNotice } from './notice.ts'
import { afterPull, nextPollInMs, webhooksArriving } from './schedule.ts'

const settings = { pullIntervalMinutes: 15, safetyPollHours: 6 }
const H = 3600_000

describe('nextPollInMs', () => {
  it('polls every safety interval while notices arrive, and every interval (stretching when idle) without', () => {
    const now = 100 * H
    expect(nextPollInMs({ quietPulls: 0, lastNoticeAt: now - H }, now, settings)).toBe(6 * H)
    expect(webhooksArriving({ quietPulls: 0, lastNoticeAt: now - 25 * H }, now, settings)).toBe(false)
    expect([0, 1, 2, 3, 9].map((q) => nextPollInMs({ quietPulls: q }, now, settings) / 60_000)).toStrictEqual([
      15, 30, 60, 120, 120,
    ])
  })

  it('goes back to the interval after a pull that found something', () => {
    expect(afterPull(afterPull({ quietPulls: 0 }, 0), 0)).toStrictEqual({ quietPulls: 2 })
    expect(afterPull({ quietPulls: 2 }, 3)).toStrictEqual({ quietPulls: 0 })
  })
})

describe('scopeOfNotice', () => {
  const c = (entity: string, id: string, operation = 'Update') => ({ entity, id, operation })
  it('reads just the named kinds, by Id where few and nothing was deleted or merged', () => {
    expect(scopeOfNotice([c('Invoice', '130'), c('Invoice', '131'), c('Payment', '9', 'Create')])).toStrictEqual({
      entities: ['Invoice', 'Payment'],
      ids: { Invoice: ['130', '131'], Payment: ['9'] },
    })
    expect(scopeOfNotice([c('Customer', '58', 'Merge'), c('Invoice', '1')])).toStrictEqual({
      entities: ['Customer', 'Invoice'],
    })
    expect(scopeOfNotice([c('Vendor', '3')])).toBeUndefined()
    const many = Array.from({ length: 31 }, (_, i) => c('Item', String(i)))
    expect(scopeOfNotice(many)).toStrictEqual({ entities: ['Item'] })
  })
})
