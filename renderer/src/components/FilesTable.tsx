/** Files with their sizes and checksums: an export's result and an operation's details show the same table. */
import { formatBytes } from '../lib/format.ts';

export interface FileRow {
  path?: string;
  name?: string;
  bytes: number;
  sha256?: string;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

export function FilesTable({ files, testId }: { files: FileRow[]; testId?: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f, i) => {
          const full = f.path ?? f.name ?? '';
          return (
            <tr key={`${i}:${full}`}>
              <td className="mono" title={full}>
                {baseName(f.name ?? full)}
              </td>
              <td className="num">{formatBytes(f.bytes)}</td>
              <td className="mono small-text">{f.sha256 ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
