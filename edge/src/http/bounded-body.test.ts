import { describe, expect, it } from 'vitest'
import { readBounded, utf8 } from './bounded-body.ts'

/** A body of `chunks` chunks of `size` bytes, produced only as read; counts how many were pulled. */
function streamed(chunks: number, size: number) {
  const pulled = { count: 0 }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close()
      pulled.count++
      controller.enqueue(new Uint8Array(size).fill(0x61))
    },
  })
  return { request: new Request('https://edge.test/x', { method: 'POST', body }), pulled }
}

describe('bounded body reads', () => {
  it('reads a body within the limit whole', async () => {
    const { request } = streamed(3, 5)
    const read = await readBounded(request, 15)
    expect(read.ok && utf8(read.value)).toBe('a'.repeat(15))
  })

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const { request, pulled } = streamed(1000, 1024)
    expect(request.headers.get('content-length')).toBeNull()
    expect(await readBounded(request, 4096)).toMatchObject({ ok: false, error: { kind: 'too_large' } })
    expect(pulled.count).toBeLessThan(10)
  })

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const request = new Request('https://edge.test/x', {
      method: 'POST',
      body: 'x'.repeat(100),
      headers: { 'content-length': '100' },
    })
    expect(await readBounded(request, 99)).toMatchObject({ ok: false, error: { kind: 'too_large' } })
    expect(request.bodyUsed).toBe(false)
  })

  it('counts bytes, not characters', async () => {
    const request = new Request('https://edge.test/x', { method: 'POST', body: 'é'.repeat(60) })
    expect(await readBounded(request, 100)).toMatchObject({ ok: false, error: { kind: 'too_large' } })
  })

  it('keeps UTF-8 text as it came and rejects other bytes', () => {
    expect(utf8(new TextEncoder().encode('\uFEFF{"a":"é"}'))).toBe('\uFEFF{"a":"é"}')
    expect(utf8(new Uint8Array([0x7b, 0xff, 0x7d]))).toBeNull()
  })
})
