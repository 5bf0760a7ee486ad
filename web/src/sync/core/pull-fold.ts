/**
 * The pull's pure half, kind by kind in `./pull/`: the window rules (how far back CDC may look, when its answer
 * may be cut, where the checkpoint moves) and the fold of QuickBooks' changes into this device.
 * @module
 */
export {
  CDC_CAP,
  MAX_LOOKBACK_MS,
  OVERLAP_MS,
  PULLED_ENTITIES,
  checkpointOfRead,
  mayBeCut,
  nextCheckpoint,
  pullWindow,
} from './pull/window.ts'
export type { PullWindow, PulledEntity } from './pull/window.ts'
export { foldPull, missingRefs } from './pull/fold.ts'
export type { FoldContext, PullBase, PullFold } from './pull/state.ts'
export { unsentByInvoice } from './pull/balance.ts'
export { NOTICE_ID_LIMIT, scopeOfNotice } from './pull/notice.ts'
export type { NoticeChange, PullScope } from './pull/notice.ts'
export { afterPull, nextPollInMs, webhooksArriving } from './pull/schedule.ts'
export type { PollSettings, PollState } from './pull/schedule.ts'
export { relink } from './pull/relink.ts'
export type { RelinkInput } from './pull/relink.ts'
