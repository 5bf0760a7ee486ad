/**
 * What a mapper returns: the body (or record) plus plain-words warnings for anything it had to change to fit
 * QuickBooks' rules, or a validation error naming the field the user must fix.
 * @module
 */
import { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'

export const MapWarning = z.object({ field: z.string(), message: z.string() })
export type MapWarning = z.infer<typeof MapWarning>

export const MapError = z.object({ kind: z.literal('validation'), field: z.string(), message: z.string() })
export type MapError = z.infer<typeof MapError>

export type Mapped<T> = Result<{ value: T; warnings: MapWarning[] }, MapError>

export function mapped<T>(value: T, warnings: MapWarning[] = []): Mapped<T> {
  return ok({ value, warnings })
}

export function mapError(field: string, message: string): Mapped<never> {
  return err({ kind: 'validation', field, message })
}
