/**
 * A QR code drawn as one SVG path from uqr's module matrix: crisp at any size, no canvas, no HTML strings.
 * Dark on white with the standard quiet border, so a tablet's camera reads it in a dim van.
 */
import { createMemo } from 'solid-js'
import { encode } from 'uqr'

export function QrCode(props: { text: string; label: string; size?: number }) {
  const qr = createMemo(() => encode(props.text, { ecc: 'M', border: 4 }))
  const path = createMemo(() => {
    const rows = qr().data
    let d = ''
    rows.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`
      }),
    )
    return d
  })
  return (
    <svg
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${qr().size} ${qr().size}`}
      width={props.size ?? 220}
      height={props.size ?? 220}
      shape-rendering="crispEdges"
      data-testid="join-qr"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={path()} fill="#000" />
    </svg>
  )
}
