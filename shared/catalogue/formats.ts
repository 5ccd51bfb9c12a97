/**
 * What each file format is called and how its files are named. Each codec (electron/engine/formats/*)
 * takes its label, extensions and MIME type from here, so the UI and the CLI name formats as the engine does.
 */
import type { FormatId } from '../options.ts';

export interface FormatDescription {
  label: string;
  extensions: readonly string[];
  mime: string;
}

export const FORMAT_CATALOGUE: Record<FormatId, FormatDescription> = {
  json: { label: 'JSON', extensions: ['.json'], mime: 'application/json' },
  jsonl: { label: 'JSON Lines', extensions: ['.jsonl', '.ndjson', '.jsonlines'], mime: 'application/x-ndjson' },
  csv: { label: 'CSV', extensions: ['.csv', '.tsv'], mime: 'text/csv' },
  xml: { label: 'XML', extensions: ['.xml'], mime: 'application/xml' },
  yaml: { label: 'YAML', extensions: ['.yaml', '.yml'], mime: 'application/yaml' },
  markdown: { label: 'Markdown', extensions: ['.md', '.markdown'], mime: 'text/markdown' },
};

export function formatLabel(id: string): string {
  return (FORMAT_CATALOGUE as Record<string, FormatDescription | undefined>)[id]?.label ?? id;
}

/** The extension a file of this format is written with (".jsonl"); "" for an id that names no format. */
export function formatExtension(id: string): string {
  return (FORMAT_CATALOGUE as Record<string, FormatDescription | undefined>)[id]?.extensions[0] ?? '';
}

/** "JSON, JSON Lines, CSV, XML, YAML or Markdown", for hints and messages. */
export function formatLabelList(): string {
  const labels = Object.values(FORMAT_CATALOGUE).map((f) => f.label);
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
