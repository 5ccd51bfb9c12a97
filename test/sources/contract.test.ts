import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openTestStore, type TestStore } from '../mapping/helpers.ts';
import { SOURCES } from '../../electron/engine/sources/registry.ts';

const REAL = path.resolve(__dirname, '../fixtures/real');
let t: TestStore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('sources through the contract (what the CLI, REST and the Detect step see)', () => {
  it('getSources lists every preset with its options, from the registry', async () => {
    t = openTestStore();
    const sources = await t.call('getSources', {});
    expect(sources.map((s) => s.id)).toEqual(SOURCES.map((s) => s.id));
    expect(sources.find((s) => s.id === 'keep')!.options).toEqual([expect.objectContaining({ name: 'includeTrashed', kind: 'boolean', default: false })]);
  });

  it('inspectFile on a folder names the detected source and samples its records', async () => {
    t = openTestStore();
    const inspected = await t.call('inspectFile', { file: path.join(REAL, 'keep'), options: {} });
    expect(inspected.input.source).toMatchObject({ id: 'keep', label: 'Google Keep Takeout', forced: false });
    expect(inspected.fields).toEqual(expect.arrayContaining(['title', 'content', 'tags', 'createdAt', 'metadata.source', 'metadata.sourceId']));
  });

  it('inspectFile shows what the preset warns about the input (the Detect step, not only the dry run), naming the file, not its folder', async () => {
    t = openTestStore();
    const inspected = await t.call('inspectFile', { file: path.join(REAL, 'whatsapp', '2A_5M.txt'), options: {} });
    expect(inspected.input.source).toMatchObject({ id: 'whatsapp' });
    const warning = inspected.warnings.find((w) => w.includes('without a zone'));
    expect(warning).toMatch(/^2A_5M\.txt: WhatsApp writes the phone's local time without a zone/);
  });

  it("inspectFile on a preset's export: the fields are its contexts' (its sessions pass unmapped), and its first records are posts, not likes", async () => {
    t = openTestStore();
    const inspected = await t.call('inspectFile', { file: path.join(REAL, 'mastodon', 'archive'), options: {}, sampleSize: 10 });
    expect(inspected.fields).toEqual(expect.arrayContaining(['title', 'content', 'sessionId']));
    // The account's `name` and `description` once made the suggestion fill an empty title with the account's name.
    expect(inspected.fields).not.toContain('name');
    expect(inspected.fields).not.toContain('description');
    expect(inspected.sampleRecords.filter((r) => 'title' in r).every((r) => (r as { type: string }).type === 'post')).toBe(true);
  });

  it('importData with options.source forces a preset, and an unknown one is a clear error', async () => {
    t = openTestStore();
    const forced = await t.call('importData', { files: [path.join(REAL, 'enex', 'test-task-lists.enex')], options: { source: 'evernote', dryRun: true } });
    expect(forced.inputs[0]!.source).toMatchObject({ id: 'evernote', forced: true });
    const unknown = await t.call('importData', { files: [path.join(REAL, 'enex', 'test-task-lists.enex')], options: { source: 'nope' } });
    expect(unknown.status).toBe('failed');
    expect(unknown.error?.message).toMatch(/Unknown source "nope". Known sources: markdown-notes, evernote, keep, notion/);
  });

  it('importData and inspectFile take options.as (the CLI --as): a chat export as transcripts', async () => {
    t = openTestStore();
    const file = path.join(REAL, 'chatgpt', 'pkuppens', 'conversations.json');
    const result = await t.call('importData', { files: [file], options: { as: 'transcript', dryRun: true } });
    expect(result.inputs[0]!.source).toMatchObject({ id: 'chatgpt', counts: expect.objectContaining({ conversations: 4, transcripts: 4 }) });
    expect(result.totalRecords).toBe(8);
    const inspected = await t.call('inspectFile', { file, options: { as: 'transcript' } });
    expect(inspected.sampleRecords.some((r) => (r as { type?: string }).type === 'transcript')).toBe(true);
    const bad = await t.fail('importData', { files: [file], options: { as: 'poem' } as never });
    expect(bad).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(JSON.stringify(bad)).toMatch(/transcript/);
    const ignored = await t.call('importData', { files: [path.join(REAL, 'keep')], options: { as: 'transcript', dryRun: true } });
    expect(ignored.warnings).toContain('--as transcript applies to chat exports; Google Keep Takeout ignores it.');
  });
});
