/** One row of the mapping editor: a source field, its samples, the suggestion, its target, transformations and before → after. */
import { ClampedText } from '../../components/ClampedText.tsx';
import type { SelectOption } from '../../components/SearchableSelect.tsx';
import { SearchableSelect } from '../../components/SearchableSelect.tsx';
import { formatValue } from '../../lib/format.ts';
import { readPath, type MappingRow } from './mapping-model.ts';
import { SuggestionBadge } from './SuggestionBadge.tsx';
import { TransformChain } from './TransformChain.tsx';

export interface MappingRowProps {
  row: MappingRow;
  /** Up to three sample values of the source field. */
  samples: unknown[];
  options: SelectOption[];
  after: { values: string[]; note?: string };
  /** The sample records the preview ran on (the "before" side). */
  records: Record<string, unknown>[];
  update: (patch: Partial<MappingRow>) => void;
  setTarget: (target: string | null) => void;
  /** Forgets what earlier imports taught for this field (a remembered suggestion). */
  onForget: () => void;
}

export function MappingRowView({ row, samples, options, after, records, update, setTarget, onForget }: MappingRowProps) {
  return (
    <div role="row" className={`mapping-row${row.target && !row.confirmed ? ' unconfirmed' : ''}`} data-testid={`mapping-row-${row.source}`}>
      <div role="cell">
        <div className="field-name">{row.source}</div>
        <div className="samples">
          {samples.map((s, i) => (
            <ClampedText key={i} className="sample" text={formatValue(s)} lines={2} />
          ))}
        </div>
      </div>
      <div role="cell">
        <SuggestionBadge
          suggestion={row.suggestion}
          target={row.target}
          confirmed={row.confirmed}
          onConfirm={() => update({ confirmed: true })}
          onApplyFailed={(ts) =>
            update({ transforms: [...row.transforms, ...ts.map((t) => ({ kind: t.transformation, fn: t.customFunction }))], confirmed: true })
          }
          onForget={onForget}
        />
      </div>
      <div role="cell">
        <SearchableSelect value={row.target} options={options} label={`Target for ${row.source}`} onChange={setTarget} testId={`target-${row.source}`} />
        {!row.target && (
          <div className="unmapped-toggle" role="radiogroup" aria-label={`Where ${row.source} goes when unmapped`}>
            <label>
              <input type="radio" name={`unmapped-${row.source}`} checked={row.unmapped === 'metadata'} onChange={() => update({ unmapped: 'metadata' })} /> to
              metadata
            </label>
            <label>
              <input type="radio" name={`unmapped-${row.source}`} checked={row.unmapped === 'drop'} onChange={() => update({ unmapped: 'drop' })} /> drop
            </label>
          </div>
        )}
      </div>
      <div role="cell">{row.target && <TransformChain steps={row.transforms} field={row.source} onChange={(transforms) => update({ transforms })} />}</div>
      <div role="cell" className="before-after" data-testid={`after-${row.source}`}>
        {after.note && !row.target ? (
          <span className="muted">{after.note === 'dropped' ? '✕ dropped' : `→ ${after.note}`}</span>
        ) : (
          <ul>
            {after.values.map((v, i) => (
              <li key={i}>
                <ClampedText className="before" text={formatValue(readPath(records[i], row.source))} /> <span aria-hidden="true">→</span>
                <span className="sr-only"> becomes </span> <ClampedText className="after" text={v} />
              </li>
            ))}
          </ul>
        )}
        {after.note && row.target && <span className="muted small-text">{after.note}</span>}
      </div>
    </div>
  );
}
