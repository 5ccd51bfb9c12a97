/**
 * The options of the source preset the Detect step reads with, as the engine declares them (getSources): which
 * preset is in use, what each control shows, and how the user's choices become import options. Nothing here
 * knows a preset; the engine's declarations say everything.
 */
import type { SourceInfo } from '../../../../shared/contract.ts';
import { IMPORT_AS, type ImportOptionsInput } from '../../../../shared/options.ts';

export type SourceOptionInfo = SourceInfo['options'][number];
export type SourceOptionValue = boolean | string;
/** The user's choices, by preset id then option name: switching presets keeps what was chosen for each. */
export type SourceOptionChoices = Record<string, Record<string, SourceOptionValue>>;

/** The preset's id the input is read with: the one forced with the source select, else the one detected. */
export function presetIdInUse(forced: string, detectedId: string | undefined): string | undefined {
  if (forced === 'none') return undefined;
  return forced || detectedId;
}

/** What a control shows: the user's choice, else the preset's default. */
export function optionValue(option: SourceOptionInfo, chosen: Record<string, SourceOptionValue> | undefined): SourceOptionValue {
  const value = chosen?.[option.name];
  if (option.kind === 'boolean') return typeof value === 'boolean' ? value : option.default === true;
  return typeof value === 'string' && (option.choices ?? []).includes(value) ? value : String(option.default);
}

export function choiceLabel(option: SourceOptionInfo, choice: string): string {
  return option.choiceLabels?.[choice] ?? choice;
}

const isImportAs = (value: SourceOptionValue): value is (typeof IMPORT_AS)[number] => (IMPORT_AS as readonly unknown[]).includes(value);

/**
 * The choices as the engine's read options. `as` is the import option the CLI spells `--as` (the contract's
 * IMPORT_AS); every other option goes into `sourceOptions`, as `--source-option NAME=VALUE` does. Only what the
 * user chose is sent: the engine fills in its own defaults.
 */
export function presetReadOptions(presetId: string | undefined, choices: SourceOptionChoices): Pick<ImportOptionsInput, 'sourceOptions' | 'as'> {
  const chosen = presetId ? choices[presetId] : undefined;
  if (!chosen) return {};
  const { as, ...rest } = chosen;
  return {
    sourceOptions: Object.keys(rest).length ? rest : undefined,
    as: as !== undefined && isImportAs(as) ? as : undefined,
  };
}
