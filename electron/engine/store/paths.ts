/** Where the store lives by default: the Electron userData folder of the app named "Context Store". */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Context Store';

/** The same folder Electron's app.getPath('userData') gives, computed without Electron so the CLI agrees. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** `--db FILE` wins, then CONTEXT_STORE_DB, then the userData default. */
export function resolveStorePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.CONTEXT_STORE_DB) return path.resolve(env.CONTEXT_STORE_DB);
  return path.join(defaultUserDataDir(env), 'store.db');
}
