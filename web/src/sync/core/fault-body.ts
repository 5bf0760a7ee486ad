/**
 * Reading Intuit fault bodies: the `Fault` envelope and the lower-case `fault` one gateways send, faults nested
 * in entity-response arrays (batch, attachable), and the XML Intuit sends on throttling even when JSON was
 * asked for. Always the first error, in one shape.
 * @module
 */
import { z } from 'zod'
import { faultOf } from '#shared/qbo/index.ts'

/** The first error of a fault body, in one shape. */
export interface FaultError {
  code: string
  message?: string
  detail?: string
  element?: string
  type?: string
}

function clean(s: string | null | undefined): string | undefined {
  return s == null || s.trim() === '' ? undefined : s
}

function fromParts(
  code: string | number,
  message?: string | null,
  detail?: string | null,
  element?: string | null,
  type?: string | null,
): FaultError {
  const e: FaultError = { code: String(code).replace(/^0+(?=\d)/, '') }
  const m = clean(message),
    d = clean(detail),
    el = clean(element),
    t = clean(type)
  if (m !== undefined) e.message = m
  if (d !== undefined) e.detail = d
  if (el !== undefined) e.element = el
  if (t !== undefined) e.type = t
  return e
}

// Lenient fallback for bodies the shared schemas reject (a Message of null, a numeric code).
const LooseFault = z.object({
  Error: z
    .array(
      z.object({
        Message: z.string().nullish(),
        Detail: z.string().nullish(),
        code: z.union([z.string(), z.number()]),
        element: z.string().nullish(),
      }),
    )
    .min(1),
  type: z.string().nullish(),
})

function fromObject(o: Record<string, unknown>): FaultError | undefined {
  const fault = faultOf(o)
  const [first] = fault?.Error ?? []
  if (fault && first) return fromParts(first.code, first.Message, first.Detail, first.element, fault.type)
  const loose = LooseFault.safeParse(o['Fault'])
  if (loose.success) {
    const [e] = loose.data.Error
    return e && fromParts(e.code, e.Message, e.Detail, e.element, loose.data.type)
  }
  // Faults inside per-entity response arrays: BatchItemResponse, AttachableResponse…
  for (const v of Object.values(o)) {
    if (!Array.isArray(v)) continue
    for (const item of v) {
      if (item !== null && typeof item === 'object') {
        const inner = fromObject(item as Record<string, unknown>)
        if (inner) return inner
      }
    }
  }
  return undefined
}

function fromText(text: string): FaultError | undefined {
  const code = /<Error[^>]*\bcode="(\d+)"/.exec(text)?.[1] ?? /errorCode=(\d+)/.exec(text)?.[1]
  if (code === undefined) {
    try {
      const parsed: unknown = JSON.parse(text)
      return parsed !== null && typeof parsed === 'object' ? fromObject(parsed as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }
  return fromParts(
    code,
    /<Message>([^<]*)<\/Message>/.exec(text)?.[1],
    /<Detail>([^<]*)<\/Detail>/.exec(text)?.[1],
    /<Error[^>]*\belement="([^"]*)"/.exec(text)?.[1],
    /<Fault[^>]*\btype="([^"]*)"/.exec(text)?.[1],
  )
}

/** The first error in any fault body Intuit or a gateway sends, or `undefined` when the body holds none. */
export function parseFaultBody(body: unknown): FaultError | undefined {
  if (typeof body === 'string') return fromText(body)
  if (body !== null && typeof body === 'object') return fromObject(body as Record<string, unknown>)
  return undefined
}
