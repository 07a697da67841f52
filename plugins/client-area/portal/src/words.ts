import { ApiError } from './api';

/** When a time is later today, its hour; otherwise its date and hour, in the reader's own words. */
export const when = (iso: string | number | Date) => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const today = new Date().toDateString() === at.toDateString();
  return today ? at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

/** Sentences for the server's validator messages a person may meet. */
const SENTENCES: Array<[RegExp, string]> = [
  [/^Invalid identifier or password$/i, 'The username, email or password is not right.'],
  [/^Wrong relationship password$/i, 'That relationship password is not right. Check it (it is case-sensitive) and try again.'],
  [/body is empty/i, 'Write your message first.'],
  [/^subject/i, 'Give the ticket a subject (up to 300 characters).'],
  [/password.*(at least|min)/i, 'Choose a longer password: at least 10 characters.'],
  [/passwords do not match/i, 'The two passwords are not the same.'],
  [/current password is invalid/i, 'Your current password is not right.'],
  [/must be different than your current password/i, 'Choose a new password that is not your current one.'],
  [/Incorrect code provided/i, 'This link has expired or was already used. Ask for a new one.'],
  [/email.*(valid|must be)/i, 'Enter an email address such as name@example.com.'],
  [/Your account has been blocked/i, 'This account is blocked. Contact support.'],
];

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** One failure in plain words, saying what the person can do about it. */
export function plainWords(error: unknown, names?: Map<string, string>): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  const known = SENTENCES.find(([pattern]) => pattern.test(error.message));
  // The engine's reasons name clients, products and members by id: by name where the page knows them.
  const message = names ? inPlainNames(error.message, names) : error.message;
  if (error.status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (error.status === 401) return known ? known[1] : 'Your session has ended. Log in again.';
  if (error.status === 429) {
    const seconds = Number(error.details.retryAfterSeconds);
    if (/relationship password/i.test(error.message) && seconds > 0) {
      return `Too many wrong relationship passwords: this client is locked for you until ${when(Date.now() + seconds * 1000)}. The client's master account can unlock it sooner.`;
    }
    return 'Too many attempts. Wait a few minutes and try again.';
  }
  if (known) return known[1];
  if (error.status === 403) return `You don't have access to this. Ask whoever manages your access at this client. (${sentence(message)})`;
  if (error.status === 404) return "This doesn't exist, or you don't have access to it.";
  if (error.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return sentence(message);
}

/**
 * An engine's reason for a person: the engine names clients, products and members by
 * their ids (`client <id>`, `member "bob" (<id>)`); `names` gives their names. A product
 * the person can't see stays unnamed. Made a sentence.
 */
export function inPlainNames(reason: string, names: Map<string, string>): string {
  const text = reason
    .replace(/\bmember "([^"]*)" \(([a-z0-9]{20,})\)/g, (_, login: string, id: string) => names.get(id) ?? login)
    .replace(/\b(client|product|member) ([a-z0-9]{20,})\b/g, (whole, kind: string, id: string) => names.get(id) ?? (kind === 'product' ? 'a product you do not see' : whole));
  return sentence(text);
}
