/**
 * A packaged app runs only the code it was shipped with. Environment variables that would make it load a
 * native binary, a module or a page from elsewhere are dropped before anything reads them (worker threads
 * inherit process.env, so they are covered too). Otherwise any program that can set the environment could
 * inject code and step around the runAsNode and NODE_OPTIONS fuses. Development builds keep them.
 */
export const CODE_LOADING_VARIABLES = [
  // A path to a better-sqlite3 binary (the old nativeBinding plumbing; nothing reads it now, nothing may again).
  'CONTEXT_STORE_NATIVE_BINDING',
  // Run the CLI from TypeScript sources through tsx (bin/context-store.mjs).
  'CONTEXT_STORE_FROM_SOURCE',
  // electron-vite's dev server: the window would load whatever page it names.
  'ELECTRON_RENDERER_URL',
  // Extra module folders for require() and import in the main process and workers.
  'NODE_PATH',
] as const;

/** Any CONTEXT_STORE_* variable whose name says it points at code: a binding, module, plugin, worker, preload. */
const CODE_LOADING_WORDS = ['BINDING', 'MODULE', 'PLUGIN', 'WORKER', 'PRELOAD', 'ADDON', 'NATIVE', 'REQUIRE', 'LOADER'];
const PREFIX = 'CONTEXT_STORE_';

/** By plain string tests: a `\w*WORD\w*` pattern backtracks on long names (the regex audit holds every pattern linear). */
function namesCode(upper: string): boolean {
  if (!upper.startsWith(PREFIX)) return false;
  const rest = upper.slice(PREFIX.length);
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!word) return false;
  }
  return CODE_LOADING_WORDS.some((w) => rest.includes(w));
}

export function isCodeLoadingVariable(name: string): boolean {
  // Windows spells environment names in any case and treats them alike.
  const upper = name.toUpperCase();
  return (CODE_LOADING_VARIABLES as readonly string[]).includes(upper) || namesCode(upper);
}

/** Removes the code-loading overrides from `env` when packaged; returns the names it removed. */
export function dropCodeLoadingOverrides(env: NodeJS.ProcessEnv, isPackaged: boolean): string[] {
  if (!isPackaged) return [];
  const removed = Object.keys(env).filter(isCodeLoadingVariable);
  for (const name of removed) Reflect.deleteProperty(env, name);
  return removed;
}
