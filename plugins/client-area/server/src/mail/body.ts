import { convert } from 'html-to-text';

/**
 * The body we keep of a mail: plain text only, so no markup, script or handler is ever
 * stored. Link targets that would run code if someone pasted them are removed too.
 */
const UNSAFE_TARGET = /\[(?:\s*)(?:javascript|vbscript|data|file):[^\]]*\]/gi;
const MAX_BODY = 100_000;
export const EMPTY_BODY = '(empty message)';

export function plainBody(text: string | undefined | null): string {
  const cleaned = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_TARGET, '[link removed]')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
  return cleaned.slice(0, MAX_BODY) || EMPTY_BODY;
}

/** An HTML body as a person reads it: paragraphs and line breaks kept, links as "text [target]", images, styles and scripts dropped. */
export const htmlAsText = (html: string): string =>
  convert(html, {
    wordwrap: false,
    // A hostile nesting depth must not take the intake down.
    limits: { maxDepth: 200, maxChildNodes: 20_000, ellipsis: '…' },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  });

/**
 * What a person wrote: the text part when it says something, else the HTML part read as
 * text. A mail whose only body is HTML (some clients send no text part, some an empty one
 * beside the HTML) is not "(empty message)".
 */
export function mailText(parsed: { text?: string | null; html?: string | false | null }): string {
  const text = parsed.text ?? '';
  if (text.trim()) return plainBody(text);
  if (!parsed.html) return plainBody('');
  try {
    return plainBody(htmlAsText(parsed.html));
  } catch {
    return plainBody('(the HTML of this message could not be read: see the raw message in its intake record)');
  }
}
