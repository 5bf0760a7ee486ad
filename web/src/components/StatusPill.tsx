/** A small coloured word for a record's state (Draft, Finalized, Paid, Void…). */
export function StatusPill(props: { tone: 'neutral' | 'info' | 'good' | 'warn' | 'bad'; children: string }) {
  return <span class={`pill pill-${props.tone}`}>{props.children}</span>
}
