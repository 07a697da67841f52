import { isPermanentRefusal } from '../smtp-refusal';

describe('which failed sends are final', () => {
  it('a 5xx answer to RCPT TO or DATA is final: the recipient or the message is refused', () => {
    for (const responseCode of [550, 551, 552, 553, 554]) {
      expect(isPermanentRefusal({ responseCode, command: 'RCPT TO', code: 'EENVELOPE' })).toBe(true);
      expect(isPermanentRefusal({ responseCode, command: 'DATA', code: 'EMESSAGE' })).toBe(true);
    }
  });

  it('any 4xx is retried', () => {
    for (const responseCode of [421, 450, 451, 452, 454]) {
      for (const command of ['RCPT TO', 'DATA', 'MAIL FROM', 'CONN']) expect(isPermanentRefusal({ responseCode, command })).toBe(false);
    }
  });

  it('a refused login or a session-level 5xx is retried, whatever command it answers', () => {
    for (const responseCode of [530, 534, 535, 538]) {
      for (const command of ['AUTH PLAIN', 'AUTH LOGIN', 'RCPT TO', 'DATA', 'MAIL FROM']) expect(isPermanentRefusal({ responseCode, command })).toBe(false);
    }
    expect(isPermanentRefusal({ responseCode: 550, command: 'AUTH PLAIN', code: 'EAUTH' })).toBe(false);
  });

  it('a 5xx that is not about a recipient or the message (the sender, the greeting, EHLO) is retried', () => {
    expect(isPermanentRefusal({ responseCode: 550, command: 'MAIL FROM' })).toBe(false);
    expect(isPermanentRefusal({ responseCode: 554, command: 'CONN' })).toBe(false);
    expect(isPermanentRefusal({ responseCode: 502, command: 'EHLO' })).toBe(false);
  });

  it('an error without an SMTP answer is retried', () => {
    expect(isPermanentRefusal(new Error('connect ECONNREFUSED 127.0.0.1:25'))).toBe(false);
    expect(isPermanentRefusal({ code: 'ETIMEDOUT' })).toBe(false);
    expect(isPermanentRefusal({ responseCode: false, command: 'RCPT TO' })).toBe(false);
    expect(isPermanentRefusal(null)).toBe(false);
    expect(isPermanentRefusal(undefined)).toBe(false);
  });
});
