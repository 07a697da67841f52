import { senderVerdict } from '../authentication';

const ours = 'mx.support.test';

describe("trusting a sender only on our own MTA's word (RFC 8601)", () => {
  it('dmarc=pass from our authserv-id is trusted', () => {
    expect(senderVerdict([`${ours}; spf=pass smtp.mailfrom=alice@acme.test; dkim=pass header.d=acme.test; dmarc=pass (p=reject) header.from=acme.test`], ours, 'alice@acme.test')).toEqual({
      trusted: true,
      reason: 'dmarc=pass',
    });
  });

  it('a failing DMARC is not trusted even when SPF passed', () => {
    expect(senderVerdict([`${ours}; spf=pass smtp.mailfrom=bounce@evil.test; dmarc=fail header.from=acme.test`], ours, 'alice@acme.test')).toEqual({ trusted: false, reason: 'dmarc=fail' });
  });

  it("results added by anyone else (a forger's own header) are ignored", () => {
    const verdict = senderVerdict(['evil.test; dmarc=pass header.from=acme.test'], ours, 'alice@acme.test');
    expect(verdict).toEqual({ trusted: false, reason: `no Authentication-Results from ${ours}` });
  });

  it('without DMARC, SPF or DKIM must pass for the From domain', () => {
    expect(senderVerdict([`${ours}; spf=pass smtp.mailfrom=alice@mail.acme.test`], ours, 'alice@acme.test').trusted).toBe(true);
    expect(senderVerdict([`${ours}; dkim=pass header.d=acme.test`], ours, 'alice@acme.test').trusted).toBe(true);
    expect(senderVerdict([`${ours}; spf=pass smtp.mailfrom=someone@other.test`], ours, 'alice@acme.test')).toMatchObject({ trusted: false });
    expect(senderVerdict([`${ours}; spf=softfail smtp.mailfrom=alice@acme.test; dkim=none`], ours, 'alice@acme.test')).toMatchObject({ trusted: false });
  });

  it('reads folded headers with comments, and the authserv-id case-insensitively', () => {
    const header = `MX.Support.Test (version 1);\r\n\tdmarc=pass (p=none dis=none)\r\n\theader.from=acme.test`;
    expect(senderVerdict([header], ours, 'alice@acme.test').trusted).toBe(true);
  });
});

it('only the topmost header with our id counts: one further down may have been written by the sender', () => {
  const verdict = senderVerdict([`${ours}; dmarc=fail header.from=acme.test`, `${ours}; dmarc=pass header.from=acme.test`], ours, 'alice@acme.test');
  expect(verdict).toEqual({ trusted: false, reason: 'dmarc=fail' });
});
