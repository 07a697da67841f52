/**
 * Whether our own mail server vouches for a message's sender (RFC 8601). A From header
 * is trivial to forge, so when the support mailbox's MTA adds Authentication-Results,
 * a mail is trusted as coming from a known person only if the results of that MTA —
 * named by its authserv-id; any other such header may be the sender's own invention —
 * say DMARC passed, or (without a DMARC result) that SPF or DKIM passed for the From
 * domain. Pure: headers in, verdict out.
 */
export interface SenderVerdict {
  trusted: boolean;
  reason: string;
}

interface Result {
  method: string;
  result: string;
  properties: Record<string, string>;
}

/** The results of one Authentication-Results header, or null when another server wrote it. */
export function resultsOf(header: string, authservId: string): Result[] | null {
  const unfolded = header.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const [id, ...parts] = unfolded.split(';');
  if (id.trim().split(' ')[0].toLowerCase() !== authservId.toLowerCase()) return null;
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [head, ...rest] = part.split(' ');
      const [method, result = ''] = head.split('=');
      const properties: Record<string, string> = {};
      for (const token of rest) {
        const at = token.indexOf('=');
        if (at > 0) properties[token.slice(0, at).toLowerCase()] = token.slice(at + 1).toLowerCase();
      }
      return { method: method.toLowerCase(), result: result.toLowerCase(), properties };
    });
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
/** Relaxed alignment: the same domain or one a subdomain of the other's organisational part (approximated by suffix). */
const aligned = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

export function senderVerdict(headers: string[], authservId: string, from: string): SenderVerdict {
  // Our MTA prepends its header, so it is the topmost with our id; one further down may be forged.
  const results = headers.map((header) => resultsOf(header, authservId)).find((r): r is Result[] => r !== null) ?? [];
  if (results.length === 0) return { trusted: false, reason: `no Authentication-Results from ${authservId}` };
  const fromDomain = domainOf(from);
  const dmarc = results.find((r) => r.method === 'dmarc');
  if (dmarc) {
    return dmarc.result === 'pass' ? { trusted: true, reason: 'dmarc=pass' } : { trusted: false, reason: `dmarc=${dmarc.result || 'none'}` };
  }
  const dkim = results.find((r) => r.method === 'dkim' && r.result === 'pass' && aligned(domainOf(r.properties['header.d'] ?? r.properties['header.i'] ?? ''), fromDomain));
  if (dkim) return { trusted: true, reason: 'dkim=pass, aligned with From' };
  const spf = results.find((r) => r.method === 'spf' && r.result === 'pass' && aligned(domainOf(r.properties['smtp.mailfrom'] ?? ''), fromDomain));
  if (spf) return { trusted: true, reason: 'spf=pass, aligned with From' };
  const seen = results.map((r) => `${r.method}=${r.result}`).join(', ');
  return { trusted: false, reason: `no passing DMARC, or SPF/DKIM aligned with ${fromDomain} (${seen})` };
}
