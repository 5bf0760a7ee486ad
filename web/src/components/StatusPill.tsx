/** A small coloured word for a record's state (Draft, Finalized, Paid, Void, Waiting for approval…). */
export type PillTone = 'neutral' | 'info' | 'good' | 'warn' | 'bad' | 'approval'

/** The stylesheet has no pill for approval yet: its violet, as the sync icon uses. */
const APPROVAL = { background: '#efe9fb', color: '#5b3a9e' }

export function StatusPill(props: { tone: PillTone; children: string }) {
  return (
    <span class={`pill pill-${props.tone}`} style={props.tone === 'approval' ? APPROVAL : undefined}>
      {props.children}
    </span>
  )
}
