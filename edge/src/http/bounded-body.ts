/**
 * Reads a request body up to a limit in bytes, the unit Intuit and the Workers runtime count in. A
 * declared Content-Length over the limit is refused before reading; a body without one (chunked) is
 * counted as it streams and abandoned once over, so an oversized body is never buffered whole.
 */
import { err, ok, type Result } from '#shared/result.ts'

export type TooLarge = { kind: 'too_large'; message: string }
export type BodyRead = Result<Uint8Array<ArrayBuffer>, TooLarge>

const tooLarge = (maxBytes: number): TooLarge => ({ kind: 'too_large', message: `The body is over ${maxBytes} bytes.` })

export async function readBounded(req: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > maxBytes) return err(tooLarge(maxBytes))
  if (req.body === null) return ok(new Uint8Array())
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return err(tooLarge(maxBytes))
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return ok(bytes)
}

/** The bytes as UTF-8 text, unchanged (a BOM kept), or null when they are not UTF-8. */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}
