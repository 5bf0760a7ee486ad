/**
 * A scrolling list that renders only the rows in view, so 10,000 records scroll
 * as smoothly as 10. Rows have a fixed height: lists here are uniform, and fixed
 * heights avoid measuring every row.
 */
import { createVirtualizer } from '@tanstack/solid-virtual'
import { For, type JSX } from 'solid-js'

export interface VirtualListProps<T> {
  items: readonly T[]
  rowHeight: number
  label: string
  children: (item: T, index: number) => JSX.Element
  /** Column headings shown above the rows, laid out by the same grid as a row. */
  head?: JSX.Element
  class?: string
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  let scroller: HTMLDivElement | undefined
  const virtualizer = createVirtualizer({
    get count() {
      return props.items.length
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => props.rowHeight,
    overscan: 8,
  })
  return (
    <div class={`vlist ${props.class ?? ''}`}>
      {props.head}
      <div class="vlist-scroll" ref={scroller} role="list" aria-label={props.label} data-count={props.items.length}>
        <div class="vlist-space" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(row) => {
              const item = () => props.items[row.index]
              return (
                <div
                  class="vlist-row"
                  role="listitem"
                  style={{ height: `${props.rowHeight}px`, transform: `translateY(${row.start}px)` }}
                >
                  {item() !== undefined ? props.children(item() as T, row.index) : null}
                </div>
              )
            }}
          </For>
        </div>
      </div>
    </div>
  )
}
