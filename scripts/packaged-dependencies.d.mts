// Types of scripts/packaged-dependencies.mjs, for the packaging test.
export function installedClosure(names: string[], root?: string): Set<string>;
export function bundleImports(outMain?: string): string[];
export function packagedDependencies(root?: string): { needed: Set<string>; cliOnly: string[] };
export function packageName(installedPath: string): string;
export function exclusionPattern(cliOnly: string[], needed: Iterable<string>): string;
