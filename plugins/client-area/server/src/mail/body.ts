/**
 * The body we keep of a mail: plain text only (mailparser's text part, or the text
 * it makes of the HTML), so no markup, script or handler is ever stored. Link
 * targets that would run code if someone pasted them are removed too.
 */
const UNSAFE_TARGET = /\[(?:\s*)(?:javascript|vbscript|data|file):[^\]]*\]/gi;
const MAX_BODY = 100_000;

export function plainBody(text: string | undefined | null): string {
  const cleaned = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_TARGET, '[link removed]')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
  return cleaned.slice(0, MAX_BODY) || '(empty message)';
}
