/**
 * Who wrote a message, as Slack shows it: a person's real name from users.json (else their user name, else the
 * id the export gives); a bot's name (`username`, `bot_profile.name`) or, failing that, its bot id.
 */
import type { InputEntry, SourceReadContext } from '../source.ts';
import { jsonItems } from '../shared/json-stream.ts';

interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  profile?: { real_name?: string; display_name?: string };
}

export interface SlackMessageAuthor {
  user?: string;
  username?: string;
  bot_id?: string;
  subtype?: string;
  user_profile?: { real_name?: string; display_name?: string; name?: string };
  bot_profile?: { name?: string };
}

const nonEmpty = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim();

/** users.json as id → name. A file that cannot be read is a warning: people are then named by their ids. */
export async function readUsers(entry: InputEntry | undefined, context: SourceReadContext): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!entry) return names;
  try {
    for await (const item of jsonItems(entry, context.maxRecordBytes)) {
      if ('error' in item) {
        context.warn(`${entry.display}, user ${item.index} (line ${item.line}): ${item.error}; that person is named by their Slack id.`);
        continue;
      }
      const user = item.value as SlackUser;
      if (typeof user !== 'object' || user === null || typeof user.id !== 'string') continue;
      const name = nonEmpty(user.real_name, user.profile?.real_name, user.name);
      if (name) names.set(user.id, name);
    }
  } catch (error) {
    context.warn(`${entry.display}: not read (${(error as Error).message}); people are named by their Slack ids.`);
  }
  return names;
}

export function authorOf(message: SlackMessageAuthor, users: Map<string, string>): string | undefined {
  const bot = () => nonEmpty(message.username, message.bot_profile?.name, message.bot_id);
  if (message.subtype === 'bot_message' || !message.user) return bot() ?? nonEmpty(message.user);
  return users.get(message.user) ?? nonEmpty(message.user_profile?.real_name, message.user_profile?.name, message.user);
}
