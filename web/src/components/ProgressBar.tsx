import { Show } from 'solid-js'

/** Progress for anything that takes more than a moment; indeterminate when `max` is unknown. */
export function ProgressBar(props: { label: string; value?: number; max?: number }) {
  return (
    <div class="progress" role="status">
      <span>{props.label}</span>
      {/* A progress element without a value attribute is the indeterminate one. */}
      <Show
        when={props.max !== undefined && props.value !== undefined}
        fallback={<progress aria-label={props.label} />}
      >
        <progress value={props.value} max={props.max} aria-label={props.label} />
      </Show>
    </div>
  )
}
