/**
 * The crash journey's plan: how long the emulator holds each write, how many kills, which of them advance past
 * an answered write, which meet a dropping emulator, and the seeded generator that picks the kill points.
 * @module
 */

/** How long the emulator holds each call of the company (then answers): a write is on its way for at least this long. */
export const HOLD_MS = 2_000
export const KILLS = 20
/**
 * After the first kill the push is three writes one after another: the batch of new contacts and items, edits,
 * finalized drafts and a payment on a synced invoice (the void goes beside it), the batch of new invoices and a
 * payment, the batch of the last payments. A kill lands on the first write of its page, mostly a replay of the
 * write the last kill cut off; two kills, one in each window (picked by the seed), first let a write come back and
 * land on the next one, so the kills walk through all three.
 */
export const ADVANCE_WINDOWS = [
  [2, 6],
  [12, 16],
] as const
/** Kills made while the emulator applies every write and then drops its connection, so the app never hears the answer. */
export const DROPPING = new Set([7, 8, 17, 18])
/**
 * During this kill's page a contact is edited again while the batch carrying its first edit is on its way (held
 * by the emulator meanwhile): the claimed send must stay as it was, and the second edit follow it.
 */
export const EDIT_AGAIN = 1
/** After these kills the app is given a moment to resume the push by itself before Sync Now is clicked. */
export const LEFT_ALONE = new Set([1, 5, 9, 13])
export const chaosFor = (cycle: number) =>
  DROPPING.has(cycle)
    ? { probability: 1, kinds: ['dropAfterWrite'], seed: 7 + cycle }
    : { probability: 1, kinds: ['stall'], stallMs: cycle === EDIT_AGAIN ? 60_000 : HOLD_MS, seed: 7 + cycle }

/** Park–Miller, as the in-process crash test uses: the same seed gives the same kill points. */
export function seeded(seed: number): () => number {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}
