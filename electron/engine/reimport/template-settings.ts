/**
 * An import that applies a template takes the template's re-import settings (match, merge, merge rules,
 * conflict choice) for whatever its own options leave open: saved once with the mapping, the same
 * re-import runs the same way from the wizard, the CLI (`--template`) and REST.
 */
import type { ImportOptions } from '../../../shared/options.ts';
import type { Store } from '../store/store.ts';
import { findTemplate } from '../templates.ts';

export function withTemplateReimport(store: Store, options: ImportOptions): ImportOptions {
  if (!options.template) return options;
  // An unknown template is the mapper's error to give, with its own message.
  const settings = findTemplate(store, options.template)?.reimport;
  if (!settings) return options;
  return {
    ...options,
    match: options.match ?? settings.match,
    merge: options.merge ?? settings.merge,
    mergeRules: options.mergeRules ?? settings.mergeRules,
    onConflict: options.onConflict ?? settings.onConflict,
  };
}
