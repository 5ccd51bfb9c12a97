import type { SourceInfo } from '../../../../shared/contract.ts';
import { useImport, useImportStoreApi } from './context.tsx';
import { choiceLabel, optionValue } from './source-options.ts';

/**
 * The options the preset in use declares (getSources), one control each: a checkbox for a yes/no, a select for a
 * choice, the engine's description as help text. A change reads the file again, so the preview and counts follow.
 */
export function SourceOptionsFields({ preset }: { preset: SourceInfo }) {
  const api = useImportStoreApi();
  const chosen = useImport((s) => s.sourceOptions[preset.id]);
  if (preset.options.length === 0) return null;
  const set = (name: string, value: boolean | string) => void api.getState().setSourceOption(preset.id, name, value);
  return (
    <fieldset className="options" data-testid="source-options">
      <legend>{preset.label} options</legend>
      {preset.options.map((option) => {
        const id = `source-option-${preset.id}-${option.name}`;
        const value = optionValue(option, chosen);
        if (option.kind === 'boolean') {
          return (
            <div key={option.name} className="field">
              <label className="check">
                <input
                  type="checkbox"
                  checked={value === true}
                  aria-describedby={`${id}-help`}
                  data-testid={id}
                  onChange={(e) => set(option.name, e.target.checked)}
                />{' '}
                {option.label}
              </label>
              <small id={`${id}-help`} className="muted">
                {option.description}
              </small>
            </div>
          );
        }
        return (
          <label key={option.name} className="field">
            <span>{option.label}</span>
            <select value={String(value)} aria-describedby={`${id}-help`} data-testid={id} onChange={(e) => set(option.name, e.target.value)}>
              {(option.choices ?? []).map((choice) => (
                <option key={choice} value={choice}>
                  {choiceLabel(option, choice)}
                </option>
              ))}
            </select>
            <small id={`${id}-help`} className="muted">
              {option.description}
            </small>
          </label>
        );
      })}
    </fieldset>
  );
}
