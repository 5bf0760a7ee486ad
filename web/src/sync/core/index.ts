/**
 * The sync engine's pure core: plain data in, decisions out. No IndexedDB, network, timers, clocks or
 * randomness here (its tsconfig has no DOM or Node types); the runner passes `now` and ids in and does the IO.
 *
 * One sync run, as the runner drives it:
 * 1. `matchContacts` / `matchItems` (initial sync) pair local and QuickBooks records;
 * 2. `plan` turns the outbox, mappings and matches into ordered ops and batches (also the dry-run preview);
 * 3. per op, the `map/` functions build bodies (`resolveRefs` swaps in Ids of records created earlier);
 * 4. failures go through `classifyFault`; a stale object is re-read and `merge`d, then sent again;
 * 5. `applyOutcome` turns each result into the mapping, outbox and log rows to write in one transaction.
 * @module
 */
export { nameKey, nameStem, normalizeEmail, phoneDigits, LEGAL_SUFFIXES } from './normalize.ts'
export { matchContacts, matchItems, itemNameKey } from './match.ts'
export { matchInvoices, docNumberKey, LocalInvoiceCandidate, RemoteInvoiceCandidate } from './match-invoices.ts'
export { matchJobs, LocalJobCandidate, RemoteJobCandidate } from './match-jobs.ts'
export {
  LocalCandidate, RemoteCandidate, MappedPair, LinkVia, MatchLink, AmbiguityReason, AmbiguousGroup, MatchResult,
} from './match-types.ts'
export {
  contactCandidate, customerCandidate, customerCandidates, itemCandidate, qboItemCandidates, invoiceCandidate, qboInvoiceCandidate,
  jobCandidate, subCustomerCandidates,
} from './candidates.ts'
export { merge, canonical, MergeConflict } from './merge.ts'
export type { Fields, MergeInput, MergeResult } from './merge.ts'
export { plan, MAX_BATCH_SIZE } from './plan.ts'
export {
  RecordRef, OpAction, SyncOp, SkipReason, SkippedRecord, Decision, PlanCounts, SyncPlan,
} from './plan-types.ts'
export type { PlanInput, PlanRecords } from './plan-types.ts'
export { classifyFault, parseFaultBody, DEFAULT_RATE_LIMIT_WAIT_MS } from './faults.ts'
export type { FaultError } from './faults.ts'
export { FaultKind, FaultAction, SyncFault, FaultInput, UNVERIFIED_PAYMENT_CODE } from './fault-types.ts'
export { contactToCustomer, customerToContact } from './map/customer.ts'
export type { ContactFields, CustomerBody } from './map/customer.ts'
export { itemToQbo, qboToItem } from './map/item.ts'
export type { ItemFields, ItemBody, ItemAccounts } from './map/item.ts'
export { invoiceToQbo, readInvoice, compareTotals } from './map/invoice.ts'
export type { InvoiceFields, InvoiceContext, InvoiceBody, InvoiceReadBack, TotalMismatch } from './map/invoice.ts'
export { paymentToQbo, qboToPayment, paymentKey, withPaymentKey, hasPaymentKey } from './map/payment.ts'
export type { PaymentFields, PaymentBody, LocalIdOf } from './map/payment.ts'
export { sparseUpdate } from './map/sparse.ts'
export type { SparseTarget } from './map/sparse.ts'
export { refToken, parseRefToken, resolveRefs, resolverFrom } from './map/refs.ts'
export type { RefResolver } from './map/refs.ts'
export { MapWarning, MapError } from './map/map-result.ts'
export type { Mapped } from './map/map-result.ts'
export { toCents, toDollars, toQty, fromQty } from './map/amounts.ts'
export { settle } from './settle/settle.ts'
export type { OpOutcome, SettleContext } from './settle/settle.ts'
export { successSettlement } from './settle/success.ts'
export { failureSettlement } from './settle/failure.ts'
export { linkSettlement } from './settle/link.ts'
export { backoffMs, defaultBackoff } from './settle/backoff.ts'
export type { BackoffPolicy } from './settle/backoff.ts'
export { fieldsOf, clonePlain } from './settle/fields.ts'
export { skippedLog, SKIP_TEXT } from './settle/skips.ts'
export type { LogEntry, QboEntity, SentFrom, Settlement } from './settle/types.ts'
export { jobToSubCustomer } from './map/job.ts'
export type { JobFields } from './map/job.ts'
export { recordToQbo, writeFor, ENTITY_OF } from './map/request.ts'
export type { QboEntityName, RecordContext, LocalRecord, QboWrite } from './map/request.ts'
export { planWrites } from './map/plan-writes.ts'
export type { PlannedWrite, PlanWrites } from './map/plan-writes.ts'
export { mergeStale } from './settle/stale.ts'
export type { StaleMerge } from './settle/stale.ts'
export { UNVERIFIED_PAYMENT, notChecked, release, foundSettlement } from './settle/held.ts'
export { localSettlements, nothingToSend } from './settle/local-ops.ts'
export type { LocalOps, LocalOpsInput, RunRows } from './settle/local-ops.ts'
export { recordKey } from './record-key.ts'
export { bIdOf, seqOfBId, claimedAt, newBatchId, mustLookUp, claimsOf, ownClaims, NOT_CHECKED_CODE } from './claims.ts'
export type { Claim, OwnClaim } from './claims.ts'
export { balanceOf, overApplied, reserve } from './balances.ts'
export type { Application, Balances, InvoiceBalance, PaymentCheck } from './balances.ts'
export { lookupOf, qboString, LOOKUP_PAGE } from './lookup.ts'
export type { Lookup } from './lookup.ts'
export { nameTheClash } from './clash.ts'
export { bodyOf, localFault, requestOf, rebuiltRequest } from './map/body.ts'
export type { BodyResult } from './map/body.ts'
export { contactFieldsOf, itemFieldsOf, fieldsFromQbo } from './map/read-back.ts'
export { foldPull, pullWindow, mayBeCut, nextCheckpoint, CDC_CAP, PULLED_ENTITIES } from './pull-fold.ts'
export type { PullBase, PullFold, PullWindow } from './pull-fold.ts'
