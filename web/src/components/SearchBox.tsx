/**
 * The search field above a list. Filtering happens as the user types. On a tablet's keyboard, names and
 * emails are typed as they are: no capitalizing, autocorrecting or spell-checking what the crew types.
 */
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
      autocapitalize="off"
      autocorrect="off"
      spellcheck={false}
      enterkeyhint="search"
    />
  )
}
