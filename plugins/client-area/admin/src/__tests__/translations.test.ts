import fs from 'fs';
import path from 'path';
import IntlMessageFormat from 'intl-messageformat';

/**
 * The admin pages' words live in translations/en.json (a key missing there does not
 * compile, see t.ts); this keeps the file free of words no page uses any more, and
 * keeps every message a valid ICU message with the same placeholders as its use.
 */
const SOURCE = path.resolve(__dirname, '..');
const en: Record<string, string> = JSON.parse(fs.readFileSync(path.join(SOURCE, 'translations/en.json'), 'utf8'));

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [fs.readFileSync(full, 'utf8')] : [];
  });

describe('the admin translations', () => {
  const code = sources(SOURCE).join('\n');

  it('holds only words a page uses', () => {
    // Keys are used as string literals — t('clients.title') — or built from a literal start: t(`ticket.status.${status}`).
    const starts = [...code.matchAll(/`([a-z][a-zA-Z.-]*\.)\$\{/g)].map((match) => match[1]);
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !starts.some((start) => key.startsWith(start)));
    expect(unused).toEqual([]);
  });

  it('are valid ICU messages, each formatting with its own placeholders', () => {
    /** The placeholders of a message, from its syntax tree (plural and select branches included). */
    const argumentsOf = (nodes: any[]): string[] =>
      nodes.flatMap((node) => [
        ...(typeof node.value === 'string' && node.type !== 0 && node.type !== 7 ? [node.value] : []),
        ...Object.values(node.options ?? {}).flatMap((option: any) => argumentsOf(option.value)),
      ]);
    const invalid = Object.entries(en).filter(([, message]) => {
      try {
        const format = new IntlMessageFormat(message, 'en');
        const values = Object.fromEntries(argumentsOf(format.getAst()).map((name) => [name, 2]));
        return typeof format.format(values) !== 'string';
      } catch {
        return true;
      }
    });
    expect(invalid).toEqual([]);
  });

  it('registers the menu label under the key the admin asks for', () => {
    expect(code).toContain("id: `${PLUGIN_ID}.plugin.name`");
    expect(en['plugin.name']).toBe('Client Area');
  });
});
