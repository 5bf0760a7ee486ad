/** Progress for anything that takes more than a moment; indeterminate when `max` is unknown. */
export function ProgressBar(props: { label: string; value?: number; max?: number }) {
  return (
    <div class="progress" role="status">
      <span>{props.label}</span>
      <progress value={props.max ? props.value : undefined} max={props.max ?? 1} aria-label={props.label} />
    </div>
  )
}
