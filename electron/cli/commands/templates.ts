/**
 * `context-store templates list|show ID|create FILE|update ID FILE|delete ID|versions ID`: reusable templates
 * (mapping, transformations, schema, computed fields) from the command line. A template file is the seed's
 * createDataTemplate object; a template that could not run (unknown function, an expression that does not
 * parse) is refused when saved, with exit code 2.
 */
import type { Command } from 'commander';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { Template } from '../../../shared/model.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { readJsonFile } from '../json-file.ts';
import { CliFailure, printJson } from '../output.ts';
import { runCall } from '../run-call.ts';

interface JsonFlag {
  json?: boolean;
}

/** A template file as people write it: the seed writes `version: "1.0"`; the store counts whole versions. */
function templateFromFile(file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = readJsonFile('template file', file);
  } catch (error) {
    // Thrown from an action, not from option parsing: commander would not print it, so it becomes a CLI failure.
    throw new CliFailure({ code: ERROR_CODES.BAD_ARGUMENT, message: (error as Error).message, file }, EXIT.USAGE);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliFailure({ code: ERROR_CODES.BAD_ARGUMENT, message: `${file} must hold a JSON object (a template).` }, EXIT.USAGE);
  }
  const template = { ...(value as Record<string, unknown>) };
  if (typeof template.version === 'string') {
    const major = Number.parseInt(template.version, 10);
    if (Number.isInteger(major) && major > 0) template.version = major;
    else delete template.version;
  }
  return template;
}

/** A template the checks refused is bad input, like a bad argument. */
async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliFailure && error.error.code === ERROR_CODES.VALIDATION_ERROR) throw new CliFailure(error.error, EXIT.USAGE);
    throw error;
  }
}

function summary(t: Template): string {
  const mapped = Object.keys(t.transformation.mapping.fieldMappings).length;
  return `${t.name}  (id ${t.id}, version ${t.version}, ${t.schema.fields.length} schema field(s), ${mapped} mapped field(s), ${t.transformation.computedFields.length} computed)`;
}

export function registerTemplates(program: Command, cli: CliContext): void {
  const templates = program.command('templates').description('list, show, create, update and delete reusable templates');
  const quiet = { progress: false };

  templates
    .command('list')
    .description('list saved templates')
    .option('--json', 'print the templates as JSON')
    .action(async (flags: JsonFlag) => {
      const list = await runCall(cli, 'getDataTemplates', {}, { json: Boolean(flags.json), ...quiet });
      if (flags.json) printJson(list);
      else if (list.length === 0) process.stdout.write('No templates.\n');
      else for (const t of list) process.stdout.write(`${summary(t)}\n`);
    });

  templates
    .command('show')
    .description('show one template (by id or name)')
    .argument('<id>', 'template id or name')
    .option('--json', 'print the template as JSON')
    .action(async (id: string, flags: JsonFlag) => {
      const template = await runCall(cli, 'getDataTemplate', { id }, { json: Boolean(flags.json), ...quiet });
      if (!flags.json) process.stdout.write(`${summary(template)}\n`);
      printJson(template);
    });

  templates
    .command('create')
    .description('create a template from a JSON file (the createDataTemplate object)')
    .argument('<file>', 'the template as JSON')
    .option('--json', 'print the created template as JSON')
    .action(async (file: string, flags: JsonFlag) => {
      const input = templateFromFile(file);
      const template = await saving(() => runCall(cli, 'createDataTemplate', input as never, { json: Boolean(flags.json), ...quiet }));
      if (flags.json) printJson(template);
      else process.stdout.write(`Created template ${summary(template)}\n`);
    });

  templates
    .command('update')
    .description('update a template from a JSON file; the version goes up and the earlier one is kept')
    .argument('<id>', 'template id or name')
    .argument('<file>', 'the changed fields as JSON')
    .option('--json', 'print the updated template as JSON')
    .action(async (id: string, file: string, flags: JsonFlag) => {
      const input = templateFromFile(file);
      const template = await saving(() => runCall(cli, 'updateDataTemplate', { id, template: input as never }, { json: Boolean(flags.json), ...quiet }));
      if (flags.json) printJson(template);
      else process.stdout.write(`Updated template ${summary(template)}\n`);
    });

  templates
    .command('delete')
    .description('delete a template (by id or name)')
    .argument('<id>', 'template id or name')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, flags: JsonFlag) => {
      const deleted = await runCall(cli, 'deleteDataTemplate', { id }, { json: Boolean(flags.json), ...quiet });
      if (!deleted) throw new CliFailure({ code: ERROR_CODES.NOT_FOUND, message: `No template with id or name "${id}".`, field: 'id' }, EXIT.FAILED);
      if (flags.json) printJson({ deleted: true, id });
      else process.stdout.write(`Deleted template ${id}\n`);
    });

  templates
    .command('versions')
    .description('list every saved version of a template')
    .argument('<id>', 'template id or name')
    .option('--json', 'print the versions as JSON')
    .action(async (id: string, flags: JsonFlag) => {
      const versions = await runCall(cli, 'getTemplateVersions', { id }, { json: Boolean(flags.json), ...quiet });
      if (flags.json) printJson(versions);
      else for (const v of versions) process.stdout.write(`version ${v.version}  ${v.updatedAt ?? v.createdAt}  ${v.name}\n`);
    });
}
