export function Placeholder(props: { title: string }) {
  return (
    <section>
      <h2>{props.title}</h2>
      <p class="muted">Nothing here yet.</p>
    </section>
  )
}
