import { simpleParser } from 'mailparser';
import { mailText, EMPTY_BODY } from '../body';
import { automaticReason, senderOf } from '../classify';
import { factsOf } from '../../services/mail-intake';

/**
 * Reading a mail as a person wrote it (issue 12): the HTML body when it is the only one,
 * the sender only when the From header says one clean address, and the automatic mail of
 * the common mailers recognised (RFC 3834). Real parsing with mailparser; no Strapi.
 */
const mail = (headers: string[], body: string) => simpleParser(Buffer.from([...headers, '', body].join('\r\n')), { skipImageLinks: true, skipHtmlToText: false });
const ours = { domain: 'client-area.local', address: 'support@client-area.local' };
const reasonOf = async (headers: string[], body = 'Hello') => automaticReason(factsOf(await mail(headers, body)), ours.domain, ours.address);

describe('the body of a mail', () => {
  it('an HTML-only multipart/mixed is read as its text, paragraphs kept, markup gone', async () => {
    const parsed = await mail(
      ['From: a@example.test', 'Subject: x', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"'],
      ['--b1', 'Content-Type: text/html; charset=utf-8', '', '<p>Hello <b>there</b></p><p>The <a href="https://status.example.test">status page</a> is red.</p><script>alert(1)</script>', '--b1--', ''].join('\r\n'),
    );
    const text = mailText(parsed);
    expect(text).toContain('Hello there');
    expect(text).toContain('The status page [https://status.example.test] is red.');
    expect(text).not.toMatch(/<|alert/);
  });

  it('a blank text part beside a real HTML part gives the HTML, not "(empty message)"', async () => {
    const parsed = await mail(
      ['From: a@example.test', 'Subject: x', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"'],
      ['--b1', 'Content-Type: text/plain; charset=utf-8', '', '   ', '--b1', 'Content-Type: text/html; charset=utf-8', '', '<div>Real <i>content</i> here</div>', '--b1--', ''].join('\r\n'),
    );
    expect(mailText(parsed)).toBe('Real content here');
  });

  it('a text part that says something wins over the HTML; nothing at all is "(empty message)"', async () => {
    const both = await mail(
      ['From: a@example.test', 'Subject: x', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"'],
      ['--b1', 'Content-Type: text/plain', '', 'Plain words', '--b1', 'Content-Type: text/html', '', '<p>Rich words</p>', '--b1--', ''].join('\r\n'),
    );
    expect(mailText(both)).toBe('Plain words');
    expect(mailText(await mail(['From: a@example.test', 'Subject: x'], ''))).toBe(EMPTY_BODY);
  });
});

describe('the sender of a mail', () => {
  const from = async (header: string) => factsOf(await mail([`From: ${header}`, 'Subject: x'], 'x'));

  it('reads a clean address, bare, in angle brackets, with a quoted or encoded name or a comment, lower-cased', async () => {
    expect((await from('Alice@Acme.test')).from).toBe('alice@acme.test');
    expect((await from('"Smith, John" <john@example.test>')).from).toBe('john@example.test');
    expect((await from('=?UTF-8?Q?=C3=89milie_Laurent?= <emilie@example.test>')).from).toBe('emilie@example.test');
    expect((await from('alice@acme.test (Alice at Acme)')).from).toBe('alice@acme.test');
  });

  it('never guesses: unquoted spaces, a trailing dot, two addresses or none are a problem, and no address', async () => {
    for (const header of ['"x" <power quadrant system@example.com>', 'name@domain.', 'a@example.test, b@example.test', 'undisclosed-recipients:;', 'Alice Smith']) {
      const facts = await from(header);
      expect([header, facts.from]).toEqual([header, null]);
      expect(facts.fromProblem).toBeTruthy();
    }
    expect(senderOf(' "x" <power quadrant system@example.com>', [{ address: 'system@example.com' }])).toEqual({ problem: 'the address in ""x" <power quadrant system@example.com>" is not one address' });
  });

  it('no From header at all is no sender, not a problem', async () => {
    const facts = factsOf(await mail(['Subject: x'], 'x'));
    expect([facts.from, facts.fromProblem]).toEqual([null, null]);
  });
});

describe('automatic mail (RFC 3834)', () => {
  it("recognises Exchange's out-of-office and inbox-rule headers, X-Loop with any value and the null reverse-path", async () => {
    // Asking not to be answered automatically is not being automatic: Outlook's "Send to → Mail recipient" sets it on a person's mail.
    expect(await reasonOf(['From: a@example.test', 'Subject: Hello', 'X-Auto-Response-Suppress: All'])).toBeNull();
    expect(await reasonOf(['From: a@example.test', 'Subject: Hello', 'X-MS-Exchange-Inbox-Rules-Loop: a@example.test'])).toBe('x-ms-exchange-inbox-rules-loop header');
    expect(await reasonOf(['From: a@example.test', 'Subject: Hello', 'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent'])).toBe('x-ms-exchange-generated-message-source header');
    expect(await reasonOf(['From: a@example.test', 'Subject: Hello', 'X-Loop: helpdesk@elsewhere.test'])).toBe('X-Loop: helpdesk@elsewhere.test');
    expect(await reasonOf(['Return-Path: <>', 'From: a@example.test', 'Subject: Hello'])).toBe('null reverse-path (Return-Path: <>)');
    expect(await reasonOf(['From: a@example.test', 'Subject: Hello', 'Auto-Submitted: auto-replied (vacation)'])).toBe('Auto-Submitted: auto-replied (vacation)');
  });

  it('recognises vacation subjects in many languages, and not a person who writes about offices or automation', async () => {
    const automatic = ['Automatic reply: Invoice', 'Out of Office: RE: [#CA-1001] x', 'Out of office', 'Abwesenheitsnotiz: Ihre Anfrage', 'Automatische Antwort: Termin', 'Réponse automatique : Facture', 'Respuesta automática: pedido', 'Risposta automatica: ordine', 'Automatisch antwoord: vraag', 'Autosvar: fråga', 'Automatyczna odpowiedź: faktura', 'Автоответ: счёт', '自動応答: 請求書', '自动回复：发票'];
    for (const subject of automatic) expect([subject, await reasonOf(['From: a@example.test', `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`])]).toEqual([subject, 'auto-reply subject']);
    const human = ['Help: auto setup fails', 'Outage of office network', 'Our office moved', 'Automation rules for tickets', 'Re: vacation planning for the team', 'Automatic reply not working on my mailbox', 'Re: Out of office: when are you back?', 'Auto-renewal failed', 'On holiday next week, route tickets to Bob'];
    for (const subject of human) expect([subject, await reasonOf(['From: a@example.test', `Subject: ${subject}`, 'Return-Path: <a@example.test>', 'X-Auto-Response-Suppress: DR, RN, NRN'])]).toEqual([subject, null]);
  });
});
