/**
 * A virtualised table: only the rows in view are in the DOM, so 10,000 records or 80 columns stay smooth.
 * Built from ARIA table roles on divs because real table layout cannot be virtualised by absolute rows.
 * Rows are measured, so a cell whose long value was opened ("show more") grows its row instead of overlapping.
 */
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** CSS width, e.g. '12rem' or '1fr'. */
  width?: string;
  render: (row: T, index: number) => ReactNode;
}

export function VirtualTable<T>({
  rows,
  columns,
  label,
  height = 320,
  rowHeight = 36,
  rowKey,
  testId,
}: {
  rows: T[];
  columns: Column<T>[];
  label: string;
  height?: number;
  rowHeight?: number;
  rowKey?: (row: T, index: number) => string;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const template = columns.map((c) => c.width ?? 'minmax(8rem, 1fr)').join(' ');
  const minWidth = `${Math.max(columns.length * 8, 20)}rem`;
  return (
    <div
      className="vtable"
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      ref={scroller}
      style={{ maxHeight: height }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard (WCAG 2.1.1).
      tabIndex={0}
      data-testid={testId}
    >
      <div role="rowgroup" className="vtable-head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="vtable-row" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div role="columnheader" key={c.key} className="vtable-cell">
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              role="row"
              aria-rowindex={item.index + 2}
              key={rowKey ? rowKey(row, item.index) : item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="vtable-row"
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, minHeight: rowHeight }}
            >
              {columns.map((c) => (
                <div role="cell" key={c.key} className="vtable-cell">
                  {c.render(row, item.index)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
