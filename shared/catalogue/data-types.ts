/** What the UI and the CLI call each data type. */
import type { DataType } from '../model.ts';

export const DATA_TYPE_LABELS: Record<DataType, string> = { contexts: 'Contexts', sessions: 'Sessions', templates: 'Templates', all: 'Everything' };
