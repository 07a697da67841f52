import { openBody, sealBody } from '../sealed-body';

const KEY = 'k'.repeat(40);
const ID = '<invitation.1@client-area.test>';
const body = { text: 'Set your password: https://example.test/portal/#/invitation/SECRET-TOKEN', html: '<a href="https://example.test/#/invitation/SECRET-TOKEN">here</a>' };

describe('a sealed mail body', () => {
  it('opens to what was sealed, and holds nothing of it in clear', () => {
    const sealed = sealBody(KEY, ID, body);
    expect(sealed).not.toContain('SECRET-TOKEN');
    expect(Buffer.from(sealed.split('.')[2], 'base64url').toString('latin1')).not.toContain('SECRET-TOKEN');
    expect(openBody(KEY, ID, sealed)).toEqual(body);
    expect(openBody(KEY, ID, sealBody(KEY, ID, { text: 'plain only', html: null }))).toEqual({ text: 'plain only', html: null });
  });

  it('is different every time (a fresh IV), so equal bodies do not look equal', () => {
    expect(sealBody(KEY, ID, body)).not.toBe(sealBody(KEY, ID, body));
  });

  it('does not open under another server key', () => {
    expect(() => openBody('x'.repeat(40), ID, sealBody(KEY, ID, body))).toThrow(/server key/);
  });

  it('does not open for another mail: a sealed body moved to another row is refused', () => {
    expect(() => openBody(KEY, '<invitation.2@client-area.test>', sealBody(KEY, ID, body))).toThrow(/server key|altered/);
  });

  it('refuses any alteration, a truncated tag and what is not a seal', () => {
    const [version, iv, data, tag] = sealBody(KEY, ID, body).split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => openBody(KEY, ID, [version, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => openBody(KEY, ID, [version, iv, data, Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url')].join('.'))).toThrow();
    expect(() => openBody(KEY, ID, 'Hello in clear')).toThrow(/not a sealed mail body/);
    expect(() => openBody(KEY, ID, `${version}.${iv}.${data}.${tag}.extra`)).toThrow(/not a sealed mail body/);
  });
});
