/**
 * Markdown for the Store reader, rendered safely: `marked` turns it into HTML, DOMPurify removes anything that
 * could run or load (scripts, handlers, iframes, forms, styles), and no remote resource is ever fetched:
 * images keep only `data:` sources and show their alt text otherwise; links stay links but open nothing
 * by themselves (rel=noopener noreferrer) and only for http(s) and mailto.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const SAFE_LINK = /^(https?:|mailto:|#)/i;

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (!/^data:image\//i.test(src)) {
        // A remote image would tell its server that this record was opened: show what it was instead.
        const alt = el.getAttribute('alt') || src;
        el.replaceWith(el.ownerDocument.createTextNode(`[image: ${alt}]`));
      }
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href)) el.removeAttribute('href');
      el.setAttribute('rel', 'noopener noreferrer');
      el.setAttribute('target', '_blank');
    }
  });
}

export function renderMarkdown(source: string): string {
  installHooks();
  const html = marked.parse(source, { async: false, gfm: true, breaks: false }) as string;
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'iframe', 'form', 'input', 'button', 'object', 'embed', 'video', 'audio', 'source', 'link', 'meta', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset'],
  });
}
