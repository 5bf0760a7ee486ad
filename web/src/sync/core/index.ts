/**
 * The sync engine's pure core: plain data in, decisions out. No IndexedDB, network, timers, clocks or
 * randomness here (its tsconfig has no DOM or Node types); the runner passes `now`, ids and random numbers in
 * and does the IO. This file is the core's whole public surface.
 *
 * One sync run, as the runner drives it:
 * 1. `matchContacts` / `matchItems` (initial sync) pair local and QuickBooks records;
 * 2. `plan` turns the outbox, mappings and matches into ordered ops and batches (also the dry-run preview);
 *    `localSettlements` / `nothingToSend` settle what needs no call (links, records created here, idle rows);
 * 3. `claimsOf` / `ownClaims` / `mustLookUp` decide what a group claims and whether it is replayed or looked
 *    up (`lookupOf`); `bodyOf` / `requestOf` build each op's request (`resolverFrom` swaps in Ids of records
 *    created earlier); `overApplied` holds a payment to QuickBooks' balance;
 * 4. failures go through `classifyFault` (`backoffMs` for a retry within the run); a stale object is re-read
 *    and merged (`mergeStale`), then sent again;
 * 5. `settle` turns each op's outcome into the mapping, outbox and log rows to write in one transaction.
 * A pull is folded per entity by `foldPull`, within the window `pullWindow` / `nextCheckpoint` give.
 * @module
 */
export { matchContacts, matchItems } from './match.ts'
export { contactCandidate, customerCandidates, itemCandidate, qboItemCandidates } from './candidates.ts'
export type { MatchResult, RemoteCandidate } from './match-types.ts'
export { applyDecisions, UNDECIDED_CODE, UNDECIDED_MESSAGE, undecidedSettlements } from './decisions.ts'
export type { AskedGroup, MatchDecision } from './decisions.ts'
// Wired into the pull by a later change: invoices and jobs matched like contacts, payments read back.
export { matchInvoices } from './match-invoices.ts'
export type { LocalInvoiceCandidate, RemoteInvoiceCandidate } from './match-invoices.ts'
export { matchJobs } from './match-jobs.ts'
export type { LocalJobCandidate, RemoteJobCandidate } from './match-jobs.ts'
export { qboToPayment } from './map/payment.ts'

export { plan } from './plan.ts'
export type { Decision, PlanCounts, PlanInput, SyncOp, SyncPlan } from './plan-types.ts'

export { classifyFault } from './faults.ts'
export { UNVERIFIED_PAYMENT_CODE } from './fault-types.ts'
export type { FaultAction, FaultKind, SyncFault } from './fault-types.ts'

export { resolverFrom } from './map/refs.ts'
export type { MapWarning } from './map/map-result.ts'
export { ENTITY_OF } from './map/request.ts'
export type { LocalRecord, QboEntityName, RecordContext } from './map/request.ts'
export { bodyOf, localFault, requestOf, rebuiltRequest } from './map/body.ts'
export type { Body, BodyResult } from './map/body.ts'
export { recordKey } from './record-key.ts'

export { settle } from './settle/settle.ts'
export type { OpOutcome, SettleContext } from './settle/settle.ts'
export { linkSettlement } from './settle/link.ts'
export { failedRowFate } from './settle/failure.ts'
export type { FailedRowFate } from './settle/failure.ts'
export { backoffMs, defaultBackoff, isUnpredictedThrottle, retryWaitMs, throttleBackoff } from './settle/backoff.ts'
export { slowDownNotice, SLOW_DOWN_MESSAGE } from './settle/throttle.ts'
export { causeKey, foldRepeats, repeatOf } from './settle/log-repeats.ts'
export type { FoldedRow } from './settle/log-repeats.ts'
export {
  customTxnNumbersOf,
  hasInvoiceKey,
  highestNumber,
  invoiceCreateBody,
  invoiceKey,
  nextFreeNumber,
  numberFromQuickBooks,
  numericDocNumber,
  renumber,
  renumberSettlement,
  renumberSummary,
  withQuickBooksNumber,
} from './numbering/index.ts'
export type { CompanyNumbering, Renumbered, RenumberPlan, Unsent } from './numbering/index.ts'
export type { BackoffPolicy } from './settle/backoff.ts'
export { fieldsOf } from './settle/fields.ts'
export { skippedLog } from './settle/skips.ts'
export type { LogEntry, QboEntity, Settlement } from './settle/types.ts'
export { mergeStale } from './settle/stale.ts'
export { UNVERIFIED_PAYMENT, notChecked, release, foundSettlement } from './settle/held.ts'
export { localSettlements, nothingToSend } from './settle/local-ops.ts'

export { bIdOf, newBatchId, mustLookUp, claimsOf, ownClaims } from './claims.ts'
export type { Claim, OwnClaim } from './claims.ts'
export { balanceOf, overApplied, reserve } from './balances.ts'
export type { Application, Balances, InvoiceBalance, PaymentCheck } from './balances.ts'
export { lookupOf, qboString, LOOKUP_PAGE } from './lookup.ts'
export { nameTheClash } from './clash.ts'
export * from './pull-fold.ts'
