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
    // Keys are used as string literals: t('clients.title'), or in a map of keys.
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !code.includes(`\`${key.replace(/\.[^.]+$/, '.')}`));
    expect(unused).toEqual([]);
  });

  it('are valid ICU messages', () => {
    const invalid = Object.entries(en).filter(([, message]) => {
      try {
        new IntlMessageFormat(message, 'en').format({ total: 2, count: 2, login: 'bob', what: 'x', reason: 'y', q: 'z', page: 1, pages: 2, to: 'a', cc: 'b', name: 'n', title: 't', grant: 'g' });
        return false;
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
