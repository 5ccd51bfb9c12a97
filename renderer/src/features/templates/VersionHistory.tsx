/** A template's versions, newest first: view one as JSON, or load an earlier one into the editor. */
import { useState } from 'react';
import type { Template } from '../../../../shared/model.ts';
import { formatDate } from '../../lib/format.ts';

export function VersionHistory({ versions, current, onRestore }: { versions: Template[]; current: number; onRestore: (version: Template) => void }) {
  const [viewing, setViewing] = useState<Template | null>(null);
  return (
    <>
      <h3>Version history</h3>
      <table className="table" data-testid="template-versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">Fields mapped</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {[...versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version} className={viewing?.version === v.version ? 'selected' : undefined}>
                <td>v{v.version}</td>
                <td>{formatDate(v.updatedAt ?? v.createdAt)}</td>
                <td>{Object.keys(v.transformation.mapping.fieldMappings).length}</td>
                <td>
                  <button type="button" className="small" onClick={() => setViewing(viewing?.version === v.version ? null : v)}>
                    {viewing?.version === v.version ? 'Hide' : 'View'}
                  </button>{' '}
                  {v.version !== current && (
                    <button type="button" className="small" onClick={() => onRestore(v)}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {viewing && <pre className="preview">{JSON.stringify(viewing, null, 2)}</pre>}
    </>
  );
}
