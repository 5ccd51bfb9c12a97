/**
 * The Detect step's preset options without a browser: which preset's options apply, what a control shows, and
 * that the user's choices reach inspectFile and the dry run as `as` and `sourceOptions` (the engine's own
 * declarations, from the registry, are what is rendered).
 */
import { describe, expect, it } from 'vitest';
import { sourceInfos } from '../../electron/engine/sources/registry.ts';
import { optionValue, presetIdInUse, presetReadOptions } from '../../renderer/src/features/import/source-options.ts';
import { createImportStore } from '../../renderer/src/features/import/store.ts';

const chatgpt = sourceInfos().find((s) => s.id === 'chatgpt')!;
const option = (name: string) => chatgpt.options.find((o) => o.name === name)!;

describe('preset options in the Detect step', () => {
  it('applies to the forced preset, else the detected one, and to none with "Plain file"', () => {
    expect(presetIdInUse('', 'chatgpt')).toBe('chatgpt');
    expect(presetIdInUse('claude', 'chatgpt')).toBe('claude');
    expect(presetIdInUse('none', 'chatgpt')).toBeUndefined();
    expect(presetIdInUse('', undefined)).toBeUndefined();
  });

  it('shows the default until the user chooses, and ignores a value the preset does not offer', () => {
    expect(optionValue(option('as'), undefined)).toBe('messages');
    expect(optionValue(option('as'), { as: 'transcript' })).toBe('transcript');
    expect(optionValue(option('branches'), { branches: 'sideways' })).toBe('drop');
    const keep = sourceInfos().find((s) => s.id === 'keep')!;
    expect(optionValue(keep.options[0]!, undefined)).toBe(false);
    expect(optionValue(keep.options[0]!, { includeTrashed: true })).toBe(true);
  });

  it('sends `as` as the import option and the rest as sourceOptions, for the preset in use only', () => {
    const choices = { chatgpt: { as: 'transcript', branches: 'keep' }, keep: { includeTrashed: true } };
    expect(presetReadOptions('chatgpt', choices)).toEqual({ as: 'transcript', sourceOptions: { branches: 'keep' } });
    expect(presetReadOptions('keep', choices)).toEqual({ as: undefined, sourceOptions: { includeTrashed: true } });
    expect(presetReadOptions('evernote', choices)).toEqual({});
    expect(presetReadOptions(undefined, choices)).toEqual({});
  });

  it('reads the file again with the choice, and the dry run carries it', async () => {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const inspection = {
      input: {
        file: '/x/conversations.json',
        format: 'chatgpt',
        dataType: 'all',
        source: { id: 'chatgpt', label: 'ChatGPT export', forced: false, counts: {}, summary: '' },
      },
      fields: ['id'],
      sampleRecords: [],
      samples: {},
      warnings: [],
    };
    const client = {
      call: async (name: string, input: Record<string, unknown>) => {
        calls.push({ name, input });
        if (name === 'inspectFile') return inspection;
        if (name === 'importData') return { status: 'completed', totalRecords: 8 };
        return null;
      },
    };
    const store = createImportStore(client as never);
    await store.getState().setFiles([{ name: 'conversations.json', path: '/x/conversations.json', bytes: 10 } as never]);
    await store.getState().setSourceOption('chatgpt', 'as', 'transcript');
    await store.getState().setSourceOption('chatgpt', 'branches', 'keep');
    const inspects = calls.filter((c) => c.name === 'inspectFile');
    expect(inspects).toHaveLength(3);
    expect(inspects[0]!.input.options).not.toHaveProperty('as', 'transcript');
    expect(inspects[2]!.input.options).toMatchObject({ as: 'transcript', sourceOptions: { branches: 'keep' } });
    await store.getState().dryRun();
    const dry = calls.find((c) => c.name === 'importData')!;
    expect(dry.input.options).toMatchObject({ dryRun: true, as: 'transcript', sourceOptions: { branches: 'keep' } });
    expect(store.getState().importOptions(false)).toMatchObject({ dryRun: false, as: 'transcript', sourceOptions: { branches: 'keep' } });
  });

  it('a reading that answers after a newer one was asked for is dropped: the last choice wins', async () => {
    // Two quick changes of an option: the first one's inspectFile is slow and answers last.
    const answers: ((value: unknown) => void)[] = [];
    const inspectionFor = (as: unknown) => ({
      input: {
        file: '/x/conversations.json',
        format: 'chatgpt',
        dataType: 'all',
        source: { id: 'chatgpt', label: 'ChatGPT export', forced: false, counts: {}, summary: String(as) },
      },
      fields: [String(as)],
      sampleRecords: [],
      samples: {},
      warnings: [],
    });
    const client = {
      call: (name: string, input: { options?: { as?: string } }) => {
        if (name !== 'inspectFile') return Promise.resolve(null);
        return new Promise((resolve) => answers.push(() => resolve(inspectionFor(input.options?.as ?? 'messages'))));
      },
    };
    const store = createImportStore(client as never);
    const opened = store.getState().setFiles([{ name: 'conversations.json', path: '/x/conversations.json', bytes: 10 } as never]);
    answers[0]!(undefined);
    await opened;
    const first = store.getState().setSourceOption('chatgpt', 'as', 'transcript');
    const second = store.getState().setSourceOption('chatgpt', 'as', 'messages');
    answers[2]!(undefined);
    await second;
    answers[1]!(undefined);
    await first;
    expect(store.getState().inspection?.fields).toEqual(['messages']);
    expect(store.getState().busy).toBeNull();
  });

  it('a dry run that answers after a newer one was asked for is dropped: two quick conflict choices, the last wins', async () => {
    const answers: (() => void)[] = [];
    const inspection = {
      input: { file: '/x/notes.json', format: 'json', dataType: 'contexts' },
      fields: ['id'],
      sampleRecords: [],
      samples: {},
      warnings: [],
    };
    const client = {
      call: (name: string, input: { options?: { onConflict?: string; conflictChoices?: Record<string, string> } }) => {
        if (name === 'inspectFile') return Promise.resolve(inspection);
        if (name !== 'importData') return Promise.resolve(null);
        const seen = JSON.stringify(input.options?.conflictChoices ?? {});
        return new Promise((resolve) => answers.push(() => resolve({ status: 'completed', totalRecords: 1, warnings: [seen] })));
      },
    };
    const store = createImportStore(client as never);
    await store.getState().setFiles([{ name: 'notes.json', path: '/x/notes.json', bytes: 10 } as never]);
    store.setState((s) => ({ options: { ...s.options, duplicates: 'merge' } }));
    const first = store.getState().dryRun();
    answers[0]!();
    await first;
    const all = store.getState().chooseConflict('keep-local' as never);
    const one = store.getState().chooseConflict('take-source' as never, 'ctx-2');
    answers[2]!();
    await one;
    answers[1]!();
    await all;
    const step = store.getState().step as { id: string; result?: { warnings: string[] } };
    expect(step.result?.warnings).toEqual([JSON.stringify({ 'ctx-2': 'take-source' })]);
  });

  it('a mapping edited on a preset import (data type all) reaches the dry run and the import, as its preview showed', async () => {
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    const inspection = {
      input: {
        file: '/x/Takeout',
        format: 'keep',
        dataType: 'all',
        source: { id: 'keep', label: 'Google Keep Takeout', forced: false, counts: {}, summary: '' },
      },
      fields: ['id', 'title', 'type', 'metadata.sourceId'],
      sampleRecords: [],
      samples: {},
      warnings: [],
    };
    const identity = (f: string) => ({ source: f, target: f.startsWith('metadata.') ? null : f, confidence: 1, reason: 'exact', autoAccept: true });
    const client = {
      call: async (name: string, input: Record<string, unknown>) => {
        calls.push({ name, input });
        if (name === 'inspectFile') return inspection;
        if (name === 'suggestMapping') return { mapping: { fieldMappings: {}, transformations: [] }, fields: inspection.fields.map(identity) };
        if (name === 'importData') return { status: 'completed', totalRecords: 1 };
        return null;
      },
    };
    const store = createImportStore(client as never);
    await store.getState().setFiles([{ name: 'Takeout', path: '/x/Takeout', bytes: 10 } as never]);
    // Untouched: nothing to map, as before.
    expect(store.getState().mapping()).toBeUndefined();
    store.getState().setRows((rows) => rows.map((r) => (r.source === 'metadata.sourceId' ? { ...r, target: 'metadata.author', confirmed: true } : r)));
    expect(store.getState().mapping()?.fieldMappings).toMatchObject({ 'metadata.sourceId': 'metadata.author', title: 'title' });
    await store.getState().dryRun();
    expect(calls.find((c) => c.name === 'importData')!.input.options).toMatchObject({ mapping: { fieldMappings: { 'metadata.sourceId': 'metadata.author' } } });
  });
});
