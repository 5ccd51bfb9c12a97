/**
 * Navigation is the URL hash (#/import, #/operations/op_123): links to an operation work from anywhere,
 * Back works, and nothing needs a server route.
 */
import { create } from 'zustand';

export const SECTIONS = ['import', 'export', 'templates', 'operations', 'store'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Route {
  section: Section;
  /** The id after the section, e.g. an operation or a template. */
  param?: string;
}

export function parseHash(hash: string): Route {
  const [section, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known = (SECTIONS as readonly string[]).includes(section ?? '') ? (section as Section) : 'import';
  const param = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  return { section: known, param };
}

export const hrefFor = (section: Section, param?: string): string => `#/${section}${param ? `/${encodeURIComponent(param)}` : ''}`;

interface RouterState {
  route: Route;
  go(section: Section, param?: string): void;
}

export const useRouter = create<RouterState>(() => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  go(section, param) {
    location.hash = hrefFor(section, param);
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRouter.setState({ route: parseHash(location.hash) }));
}
