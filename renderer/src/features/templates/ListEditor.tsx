/**
 * One editable list of the template editor (schema fields, mappings, transformations, computed fields): a grid
 * with one row of controls per item, a remove button at the end of each row, and an add button below.
 */
import { Fragment, type ReactNode } from 'react';

export interface ListEditorProps<T> {
  items: T[];
  onChange: (items: T[]) => void;
  /** The grid's layout class (`fields`, `maps`, ...), next to `edit-grid`. */
  layout: string;
  /** Column headings, shown while the list has items. */
  headers?: string[];
  /** What one item is called, in lower case: "schema field" gives "Remove schema field 2" and "+ Schema field". */
  itemName: string;
  newItem: () => T;
  /** The controls of one row, in column order (a fragment: each is a cell of the grid); `update` patches this item. */
  row: (item: T, update: (patch: Partial<T>) => void, index: number) => ReactNode;
  /** More controls beside the add button (then both sit in a toolbar). */
  toolbar?: ReactNode;
}

export function ListEditor<T>({ items, onChange, layout, headers, itemName, newItem, row, toolbar }: ListEditorProps<T>) {
  const update = (i: number) => (patch: Partial<T>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const add = (
    <button type="button" className="small" onClick={() => onChange([...items, newItem()])}>
      + {itemName[0]!.toUpperCase() + itemName.slice(1)}
    </button>
  );
  return (
    <>
      <div className={`edit-grid ${layout}`}>
        {items.length > 0 &&
          headers?.map((h, i) => (
            <span key={`h${i}`} className="head">
              {h}
            </span>
          ))}
        {items.map((item, i) => (
          <Fragment key={i}>
            {row(item, update(i), i)}
            <button type="button" className="small" aria-label={`Remove ${itemName} ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              ✕
            </button>
          </Fragment>
        ))}
      </div>
      {toolbar ? (
        <div className="toolbar">
          {add}
          {toolbar}
        </div>
      ) : (
        add
      )}
    </>
  );
}
