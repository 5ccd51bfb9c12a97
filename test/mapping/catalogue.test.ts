/**
 * The engine is the one source of what the UI and the CLI offer: every function call the UI can insert
 * compiles, every target the engine suggests is listed, every format is described.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileFunction, FUNCTIONS } from '../../electron/engine/mapping/functions.ts';
import { TARGETS } from '../../electron/engine/mapping/suggest.ts';
import { FORMATS } from '../../electron/engine/formats/registry.ts';
import { TYPE_COLUMNS } from '../../electron/engine/formats/csv/columns.ts';
import { MERGEABLE_FIELDS } from '../../electron/engine/reimport/merge-rules.ts';
import { FUNCTION_CATALOGUE } from '../../shared/catalogue/functions.ts';
import { TARGET_FIELDS } from '../../shared/catalogue/targets.ts';
import { FORMAT_CATALOGUE } from '../../shared/catalogue/formats.ts';
import { FORMAT_IDS } from '../../shared/options.ts';
import { RECORD_TYPES } from '../../shared/model.ts';
import { CustomFunctionList } from '../../renderer/src/features/import/TransformChain.tsx';
import { mappingHelp } from '../../electron/cli/catalogue-help.ts';

describe('the function catalogue', () => {
  it('every function call the UI offers compiles through the engine', () => {
    const html = renderToStaticMarkup(createElement(CustomFunctionList));
    const offered = [...html.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    expect(offered.length).toBe(FUNCTION_CATALOGUE.length);
    for (const call of offered) expect(() => compileFunction(call), call).not.toThrow();
  });

  it('every written form of every function compiles, and the registry has exactly the catalogue', () => {
    expect(Object.keys(FUNCTIONS).sort()).toEqual(FUNCTION_CATALOGUE.map((f) => f.name).sort());
    for (const info of FUNCTION_CATALOGUE) {
      for (const form of [info.example, ...info.usage.split(' or ')]) expect(() => compileFunction(form), form).not.toThrow();
    }
  });

  it('the argument counts come from the catalogue', () => {
    expect(() => compileFunction('truncate')).toThrow(/truncate takes 1 argument\(s\), got 0: write it as truncate\(80\)/);
    expect(() => compileFunction('split(",", ";")')).toThrow(/split takes 0 to 1/);
  });
});

describe('the target field catalogue', () => {
  it('lists every target the engine suggests', () => {
    for (const type of RECORD_TYPES) {
      const listed = TARGET_FIELDS[type].map((f) => f.name);
      for (const spec of TARGETS[type]) expect(listed, `${type}.${spec.target}`).toContain(spec.target);
    }
  });

  it('gives the CSV columns in export order', () => {
    expect(TYPE_COLUMNS.contexts).toEqual(['id', 'title', 'content', 'type', 'tags', 'sessionId', 'createdAt', 'updatedAt', 'metadata', 'attachments']);
    expect(TYPE_COLUMNS.templates.at(-1)).toBe('updatedAt');
  });

  it('a merge decides on every field of a context but its id', () => {
    expect([...MERGEABLE_FIELDS]).toEqual(TYPE_COLUMNS.contexts.filter((f) => f !== 'id'));
  });
});

describe('the format catalogue', () => {
  it('describes exactly the formats the engine has', () => {
    expect(FORMATS.map((c) => c.id)).toEqual([...FORMAT_IDS]);
    for (const codec of FORMATS) expect(codec.label).toBe(FORMAT_CATALOGUE[codec.id].label);
  });
});

describe('no copies in the renderer', () => {
  const root = path.resolve(__dirname, '../../renderer/src');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  it('names no engine function, format label or target label outside the catalogue', () => {
    for (const file of files) {
      const code = fs.readFileSync(path.join(root, file), 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '');
      for (const word of ["'parseOldDateFormat'", "'splitAndTrim'", "'JSON Lines'", "label: 'Importance'"])
        expect(code.includes(word), `${file} has ${word}`).toBe(false);
    }
  });
});

describe('the CLI help', () => {
  it('lists the functions and targets from the catalogue', () => {
    const help = mappingHelp();
    for (const info of FUNCTION_CATALOGUE) expect(help).toContain(info.usage);
    expect(help).toContain('metadata.importance');
  });
});
