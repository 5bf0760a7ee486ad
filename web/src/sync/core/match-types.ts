/**
 * Inputs and outputs of matching. Inputs are small projections of records (id, email, name), so matching
 * never depends on the full shape of a contact or a QuickBooks Customer and stays fast on 100,000 rows.
 * @module
 */
import { z } from 'zod'

/** A local record as matching sees it. */
export const LocalCandidate = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
})
export type LocalCandidate = z.infer<typeof LocalCandidate>

/** A QuickBooks record as matching sees it. `active: false` = made inactive (QuickBooks' soft delete). */
export const RemoteCandidate = LocalCandidate.extend({ active: z.boolean().default(true) })
export type RemoteCandidate = z.input<typeof RemoteCandidate>

/** An existing link from the mapping table. */
export const MappedPair = z.object({ localId: z.string(), qboId: z.string() })
export type MappedPair = z.infer<typeof MappedPair>

export const LinkVia = z.enum(['mapping', 'email', 'name', 'docNumber'])
export type LinkVia = z.infer<typeof LinkVia>

export const MatchLink = z.object({ localId: z.string(), qboId: z.string(), via: LinkVia })
export type MatchLink = z.infer<typeof MatchLink>

/**
 * Why a group needs the user:
 * - `email` / `name`: several records on one side share the key the other side has;
 * - `email-differs`: names agree but both sides have different emails (two people called John Smith?);
 * - `similar-name`: names agree only without legal suffixes or in another word order ("Smith Plumbing" /
 *   "Smith Plumbing LLC", "Ann Lee" / "Lee, Ann");
 * - `inactive`: the only candidate is inactive in QuickBooks, and linking would need it reactivated;
 * - `docNumber`: several invoices share a number; `customer-differs`: an invoice number matches but its
 *   customer is another one, or not linked yet (invoice 1001 from an older system is not this 1001).
 */
export const AmbiguityReason = z.enum([
  'email',
  'name',
  'email-differs',
  'similar-name',
  'inactive',
  'docNumber',
  'customer-differs',
])
export type AmbiguityReason = z.infer<typeof AmbiguityReason>

export const AmbiguousGroup = z.object({
  reason: AmbiguityReason,
  /** The comparison key the group shares (normalised email or name). */
  key: z.string(),
  localIds: z.array(z.string()),
  qboIds: z.array(z.string()),
})
export type AmbiguousGroup = z.infer<typeof AmbiguousGroup>

export const MatchResult = z.object({
  links: z.array(MatchLink),
  ambiguous: z.array(AmbiguousGroup),
  localOnly: z.array(z.string()),
  /** Active QuickBooks records nothing here matches: candidates to create here. Inactive ones never appear. */
  remoteOnly: z.array(z.string()),
  /** Mapping rows whose local or QuickBooks side is not in the input (deleted locally, or not pulled). */
  orphanedMappings: z.array(MappedPair),
})
export type MatchResult = z.infer<typeof MatchResult>
