/**
 * The feed's `settings` and `ended` messages, for the app. The feed runs in the sync worker; these cross to the
 * page (and the app's other tabs, which share the session) on a BroadcastChannel, so the page needs no handle on
 * the worker to listen:
 *
 * ```ts
 * const stop = onFeedEvent('settings', (e) => applyCompanySettings(e.doc))
 * onFeedEvent('ended', (e) => showRemoved(e.reason, e.companyName))
 * ```
 * @module
 */
import type { EndedMessage, SettingsMessage } from './feed-client.ts'

export type FeedEvent = SettingsMessage | EndedMessage
export type FeedEventType = FeedEvent['type']

export const FEED_EVENTS_CHANNEL = 'fieldsync-feed-events'

/** Publishes a message to every listener of this origin but the publisher's own context (BroadcastChannel). */
export function publishFeedEvent(event: FeedEvent, channel: BroadcastChannel = sharedChannel()): void {
  channel.postMessage(event)
}

/** Calls `listener` for each event of `type`; returns the unsubscribe. */
export function onFeedEvent<T extends FeedEventType>(
  type: T,
  listener: (event: Extract<FeedEvent, { type: T }>) => void,
  channel: BroadcastChannel = sharedChannel(),
): () => void {
  const handler = (e: MessageEvent<unknown>) => {
    const data = e.data as FeedEvent | null
    if (data?.type === type) listener(data as Extract<FeedEvent, { type: T }>)
  }
  channel.addEventListener('message', handler)
  return () => channel.removeEventListener('message', handler)
}

let channel: BroadcastChannel | undefined
const sharedChannel = (): BroadcastChannel => (channel ??= new BroadcastChannel(FEED_EVENTS_CHANNEL))
