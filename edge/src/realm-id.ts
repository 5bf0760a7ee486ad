/**
 * The shape of a realm id the edge accepts from outside (Intuit's redirect, webhook payloads): it
 * names a Durable Object and appears in Intuit URLs, so nothing else gets that far.
 */
import { z } from 'zod'

export const RealmIdParam = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/)

export const isRealmId = (value: string): boolean => RealmIdParam.safeParse(value).success
