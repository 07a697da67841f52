import { independent, mailKeyOf } from '../batch';

const mail = (headers: string[]) => Buffer.from([...headers, '', 'Body.', ''].join('\r\n'));

describe('which mails of a poll may be taken at once', () => {
  it('reads the sender, Message-ID, what it answers and the ticket it names from the raw headers', () => {
    const key = mailKeyOf(
      mail([
        'From: =?utf-8?q?Zo=C3=AB?= <Zoe@Example.COM>',
        'Subject: Re: [#CA-1042] Broken',
        'Message-ID: <abc@client.test>',
        'In-Reply-To: <ticket-CA-1001.msg-7@support.test>',
        'References: <first@client.test>',
        '  <ticket-CA-1001.msg-7@support.test>',
      ]),
    );
    expect(key).toEqual({ from: 'zoe@example.com', messageId: '<abc@client.test>', refers: ['<ticket-ca-1001.msg-7@support.test>', '<first@client.test>', '<ticket-ca-1001.msg-7@support.test>'], ticket: 'CA-1001' });
    expect(mailKeyOf(mail(['From: bare@example.com', 'Subject: [#CA-9] x', 'Message-ID: <m@x>'])).ticket).toBe('CA-9');
    expect(mailKeyOf(mail(['Subject: no sender'])).from).toBeNull();
  });

  const a = mailKeyOf(mail(['From: a@example.com', 'Message-ID: <a@x>', 'Subject: One']));
  const b = mailKeyOf(mail(['From: b@example.com', 'Message-ID: <b@x>', 'Subject: Two']));

  it('takes mails of different senders about different things at once', () => {
    expect(independent([a, b])).toBe(true);
    expect(independent([a])).toBe(true);
  });

  it('keeps the order when one answers another, two come from one sender, two name one ticket, or a sender or Message-ID is unknown', () => {
    const answer = mailKeyOf(mail(['From: c@example.com', 'Message-ID: <c@x>', 'In-Reply-To: <a@x>']));
    expect(independent([a, answer])).toBe(false);
    const again = mailKeyOf(mail(['From: A@Example.com', 'Message-ID: <a2@x>']));
    expect(independent([a, again])).toBe(false);
    const t1 = mailKeyOf(mail(['From: d@example.com', 'Message-ID: <d@x>', 'Subject: [#CA-5] x']));
    const t2 = mailKeyOf(mail(['From: e@example.com', 'Message-ID: <e@x>', 'In-Reply-To: <ticket-CA-5.msg-1@support.test>']));
    expect(independent([t1, t2])).toBe(false);
    expect(independent([a, mailKeyOf(mail(['Message-ID: <f@x>']))])).toBe(false);
    expect(independent([a, mailKeyOf(mail(['From: g@example.com']))])).toBe(false);
  });
});
