/**
 * A scrolling list that renders only the rows in view, so 10,000 records scroll
 * as smoothly as 10. Rows have a fixed height: lists here are uniform, so which
 * rows are in view is arithmetic on the scroll position and nothing is measured.
 *
 * A row is rendered once per item and kept while that item stays in view: when
 * the items change (a search narrows, a record is saved) only rows for items that
 * were not shown before are rendered; the others only move. A changed record is a
 * new object, so its row is rendered anew.
 */
import { createMemo, createSignal, For, onCleanup, onMount, type Accessor, type JSX } from 'solid-js'
import { visibleRange } from './virtual-range.ts'

export interface VirtualListProps<T> {
  items: readonly T[]
  rowHeight: number
  label: string
  /** Called once per item shown; `index` follows the item's place in the list as it moves. */
  children: (item: T, index: Accessor<number>) => JSX.Element
  /** Column headings shown above the rows, laid out by the same grid as a row. */
  head?: JSX.Element
  class?: string
}

/** Rows rendered beyond each edge of the view: enough for a fling's first frame, few enough to keep a keystroke cheap. */
const OVERSCAN = 4

export function VirtualList<T>(props: VirtualListProps<T>) {
  let scroller: HTMLDivElement | undefined
  const [scrollTop, setScrollTop] = createSignal(0)
  const [viewport, setViewport] = createSignal(0)
  onMount(() => {
    const el = scroller!
    setViewport(el.clientHeight)
    setScrollTop(el.scrollTop)
    const resize = new ResizeObserver((entries) => {
      for (const e of entries) setViewport(e.contentRect.height)
    })
    resize.observe(el)
    onCleanup(() => resize.disconnect())
  })
  const range = createMemo(
    () =>
      visibleRange({
        scrollTop: scrollTop(),
        viewport: viewport(),
        rowHeight: props.rowHeight,
        count: props.items.length,
        overscan: OVERSCAN,
      }),
    undefined,
    // Scrolling within a row keeps the same rows: nothing to do.
    { equals: (a, b) => a.start === b.start && a.end === b.end },
  )
  const shown = createMemo(() => {
    const { start, end } = range()
    return props.items.slice(start, end)
  })
  return (
    <div class={`vlist ${props.class ?? ''}`}>
      {props.head}
      <div
        class="vlist-scroll"
        ref={scroller}
        role="list"
        aria-label={props.label}
        data-count={props.items.length}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div class="vlist-space" style={{ height: `${props.items.length * props.rowHeight}px` }}>
          <For each={shown()}>
            {(item, i) => {
              const index = () => range().start + i()
              return (
                <div
                  class="vlist-row"
                  role="listitem"
                  style={{ height: `${props.rowHeight}px`, transform: `translateY(${index() * props.rowHeight}px)` }}
                >
                  {props.children(item, index)}
                </div>
              )
            }}
          </For>
        </div>
      </div>
    </div>
  )
}
