import { afterEach, describe, expect, it } from 'vitest'
import { FEED_EVENTS_CHANNEL, onFeedEvent, publishFeedEvent, type FeedEvent } from './events.ts'

const open: BroadcastChannel[] = []
const channel = () => {
  const c = new BroadcastChannel(FEED_EVENTS_CHANNEL)
  open.push(c)
  return c
}
afterEach(() => open.splice(0).forEach((c) => c.close()))

describe('feed events', () => {
  it('reach a listener of that type in another context, until it unsubscribes', async () => {
    const worker = channel()
    const page = channel()
    const ended: FeedEvent[] = []
    const settings: FeedEvent[] = []
    const stop = onFeedEvent('ended', (e) => ended.push(e), page)
    onFeedEvent('settings', (e) => settings.push(e), page)
    const message = { type: 'ended', reason: 'device_removed', companyName: 'Rivera Plumbing' } as const
    publishFeedEvent(message, worker)
    await expect.poll(() => ended).toEqual([message])
    expect(settings).toEqual([])
    stop()
    publishFeedEvent(message, worker)
    publishFeedEvent(
      { type: 'settings', seq: 2, doc: { version: 1, settings: {} as never, updatedAt: null, updatedBy: null } },
      worker,
    )
    await expect.poll(() => settings).toHaveLength(1)
    expect(ended).toHaveLength(1)
  })
})
