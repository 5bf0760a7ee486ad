import type { JSX } from 'solid-js'

/** What an empty list says, with the one action that fills it: no page ends in a blank. */
export function EmptyState(props: { title: string; children?: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="empty-state">
      <h3>{props.title}</h3>
      {props.children}
      <div class="empty-actions">{props.action}</div>
    </div>
  )
}
