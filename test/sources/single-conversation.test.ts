/**
 * A chat export file holding ONE conversation (an object, not a list: what the tools' own "export this chat"
 * buttons and scripts write) is a one-conversation export: detected as one, and read exactly as the same
 * conversation inside `[ … ]`. Real files from Sinity/polylogue (test/fixtures/real/SOURCES.md). And a preset
 * that finds nothing it reads in a file that is not empty says so, with what it expected, instead of succeeding
 * silently on 0 records.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../cli-helpers.ts';
import { tempDir } from '../helpers.ts';

const CLAUDE = path.resolve(__dirname, '../fixtures/real/claude/polylogue/with-attachments.json');
const CHATGPT = path.resolve(__dirname, '../fixtures/real/chatgpt/polylogue/native-conversation-v1.json');

interface Outcome {
  dataType: string;
  id: string;
  action: string;
  after?: Record<string, unknown>;
}
interface Result {
  totalRecords: number;
  failedRecords: number;
  warnings: string[];
  outcomes: Outcome[];
  inputs: { source?: { id: string; summary: string } }[];
}

/** The same conversation as a one-element list, the shape the presets already read. */
function asList(file: string): string {
  const out = path.join(tempDir(), path.basename(file));
  fs.writeFileSync(out, `[${fs.readFileSync(file, 'utf8')}]`);
  return out;
}

function dryRun(file: string, ...args: string[]): Result {
  const run = cli(['import', file, '--dry-run', '--json', ...args], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
  expect(run.code, run.stderr).toBe(0);
  return run.json<Result>();
}

/** What the records hold: ids (from the conversation's and messages' own ids) and text, not the file's path. */
const records = (result: Result) => result.outcomes.map((o) => ({ dataType: o.dataType, id: o.id, content: o.after?.content, name: o.after?.name }));

describe.each([
  ['claude', CLAUDE, 'Claude export — 1 conversation, 2 messages, 1 attachment'],
  ['chatgpt', CHATGPT, 'ChatGPT export — 1 conversation, 3 messages'],
])('%s: a file holding one conversation object', (source, file, summary) => {
  it('is detected without --source, and read as the same conversation in a list', () => {
    const single = dryRun(file);
    expect(single.inputs[0]!.source?.id).toBe(source);
    expect(single.inputs[0]!.source?.summary).toContain(summary);
    expect(single.failedRecords).toBe(0);
    expect(records(single)).toEqual(records(dryRun(asList(file))));
  });

  it('is read with --source too', () => {
    const forced = dryRun(file, '--source', source);
    expect(forced.inputs[0]!.source?.summary).toContain(summary);
    expect(forced.outcomes.filter((o) => o.dataType === 'sessions')).toHaveLength(1);
  });

  it('validate counts its records', () => {
    const run = cli(['validate', file, '--source', source], { env: { CONTEXT_STORE_DB: path.join(tempDir(), 'store.db') } });
    expect(run.stdout).not.toContain('Valid: 0 record');
    expect(run.stdout).toMatch(/Valid: [1-9]\d* record/);
  });
});

describe('claude: projects.json alone, and a file holding one project object', () => {
  const PROJECTS = path.resolve(__dirname, '../fixtures/real/claude/yaleman/projects.json');
  const summary = 'Claude export — 0 conversations, 0 messages, 1 project, 1 project document';
  /** The real export's one project, saved on its own under a name of the user's. */
  function oneProject(): string {
    const out = path.join(tempDir(), 'how-to-use-claude.json');
    fs.writeFileSync(out, JSON.stringify(JSON.parse(fs.readFileSync(PROJECTS, 'utf8'))[0], null, 2));
    return out;
  }

  it('projects.json alone is detected as a Claude export without --source: the project a session, its doc a context', () => {
    const result = dryRun(PROJECTS);
    expect(result.inputs[0]!.source?.id).toBe('claude');
    expect(result.inputs[0]!.source?.summary).toContain(summary);
    expect(result.outcomes.map((o) => o.dataType).sort()).toEqual(['contexts', 'sessions']);
    expect(result.outcomes.find((o) => o.dataType === 'sessions')?.after?.name).toBe('How to use Claude');
  });

  it('one project object is read as the same project in a list, with or without --source', () => {
    const file = oneProject();
    const single = dryRun(file);
    expect(single.inputs[0]!.source?.summary).toContain(summary);
    expect(single.failedRecords).toBe(0);
    expect(records(single)).toEqual(records(dryRun(PROJECTS)));
    expect(records(dryRun(file, '--source', 'claude'))).toEqual(records(single));
  });
});

describe('a preset forced on a file it finds nothing in', () => {
  it('warns, naming the file and what the preset reads, instead of a silent 0', () => {
    const file = path.join(tempDir(), 'notes.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 'a', title: 'A note', content: 'not a conversation' }]));
    for (const source of ['claude', 'chatgpt']) {
      const result = dryRun(file, '--source', source);
      expect(result.totalRecords).toBe(0);
      const warning = result.warnings.find((w) => w.includes('notes.json') && /nothing/i.test(w));
      expect(warning, result.warnings.join('\n')).toBeDefined();
      expect(warning).toContain('conversations.json');
    }
  });
});
