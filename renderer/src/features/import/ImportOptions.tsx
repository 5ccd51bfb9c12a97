/** Import options as named choices: validation, duplicates, error handling, batch size. */
import type { ImportDraftOptions } from './store.ts';

export function ImportOptionsPanel({ options, onChange }: { options: ImportDraftOptions; onChange: (patch: Partial<ImportDraftOptions>) => void }) {
  return (
    <fieldset className="options">
      <legend>Options</legend>
      <label className="check">
        <input type="checkbox" checked={options.validateSchema} onChange={(e) => onChange({ validateSchema: e.target.checked })} />
        <span>Validate every record against the schema</span>
      </label>
      <label className="field">
        <span>When an id already exists</span>
        <select value={options.duplicates} onChange={(e) => onChange({ duplicates: e.target.value as ImportDraftOptions['duplicates'] })}>
          <option value="reject">Treat it as an error (default)</option>
          <option value="skip">Skip it (keep what is in the store)</option>
          <option value="merge">Merge field by field (conflicts shown in the dry run)</option>
          <option value="overwrite">Overwrite it with the file's version</option>
        </select>
      </label>
      <label className="field">
        <span>Invalid records</span>
        <select value={options.errorHandling} onChange={(e) => onChange({ errorHandling: e.target.value as ImportDraftOptions['errorHandling'] })}>
          <option value="strict">Stop: import nothing if any record is invalid (default)</option>
          <option value="lenient">Skip them and list every error</option>
          <option value="skip-errors">Skip them quietly (list the first 100)</option>
        </select>
      </label>
      <label className="field">
        <span>Batch size</span>
        <input
          type="number"
          min={1}
          max={100000}
          value={options.batchSize}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 100_000) onChange({ batchSize: n });
          }}
        />
      </label>
    </fieldset>
  );
}
