/** The search field above a list. Filtering happens as the user types. */
export function SearchBox(props: { value: string; onValue: (v: string) => void; label: string; placeholder?: string }) {
  return (
    <input
      type="search"
      class="search"
      aria-label={props.label}
      placeholder={props.placeholder ?? props.label}
      value={props.value}
      onInput={(e) => props.onValue(e.currentTarget.value)}
      autocomplete="off"
    />
  )
}
