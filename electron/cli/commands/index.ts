/** Every command, registered in help order. A new command is one file and one line here. */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerTemplates } from './templates.ts';
import { registerMappings, registerSuggestMapping } from './suggest-mapping.ts';
import { registerImport } from './import.ts';
import { registerExport } from './export.ts';
import { registerValidate } from './validate.ts';
import { registerStats } from './stats.ts';
import { registerOps, registerUndo } from './ops.ts';
import { registerServe } from './serve.ts';
import { registerBackup } from './backup.ts';
import { registerRestore } from './restore.ts';
import { registerVerify } from './verify.ts';
import { registerKeygen } from './keygen.ts';
import { registerTokens } from './tokens.ts';

export const COMMANDS: ((program: Command, cli: CliContext) => void)[] = [
  registerImport,
  registerExport,
  registerValidate,
  registerStats,
  registerTemplates,
  registerSuggestMapping,
  registerMappings,
  registerOps,
  registerUndo,
  registerServe,
  registerBackup,
  registerRestore,
  registerVerify,
  registerKeygen,
  registerTokens,
];
