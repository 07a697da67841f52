/**
 * The portal's only way to the server: the customers' API under /api. The login and its
 * refresh token, and the relationship-session token of each client entered, live in the
 * tab's sessionStorage (gone when the tab closes); every call carries them.
 */
const API = '/api';
const store = window.sessionStorage;

export const session = {
  get jwt() {
    return store.getItem('jwt');
  },
  get refreshToken() {
    return store.getItem('refreshToken');
  },
  tokens(): Record<string, string> {
    try {
      return JSON.parse(store.getItem('relationshipTokens') || '{}');
    } catch {
      return {};
    }
  },
  save(answer: { jwt?: string; refreshToken?: string }) {
    if (answer.jwt) store.setItem('jwt', answer.jwt);
    if (answer.refreshToken) store.setItem('refreshToken', answer.refreshToken);
  },
  keepRelationshipToken(clientId: string, token: string) {
    store.setItem('relationshipTokens', JSON.stringify({ ...this.tokens(), [clientId]: token }));
  },
  clear() {
    store.clear();
  },
};

/** A refusal or failure of the API: its status, its message and its details. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: Record<string, any> = {},
  ) {
    super(message);
  }
}

interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON, or a form with files (sent as multipart). */
  body?: unknown;
  /** Renew the login once with the refresh token when it has expired. */
  retry?: boolean;
}

function headers(json: boolean): Record<string, string> {
  const all: Record<string, string> = json ? { 'Content-Type': 'application/json' } : {};
  if (session.jwt) all.Authorization = `Bearer ${session.jwt}`;
  const tokens = Object.values(session.tokens());
  if (tokens.length) all['X-Relationship-Token'] = tokens.join(',');
  return all;
}

async function renewLogin(): Promise<boolean> {
  if (!session.refreshToken) return false;
  const renewed = await fetch(`${API}/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
  if (!renewed.ok) return false;
  session.save(await renewed.json());
  return true;
}

async function failureOf(res: Response): Promise<ApiError> {
  const answer = await res.json().catch(() => null);
  const error = answer?.error;
  return new ApiError(error?.message || `The server answered ${res.status}`, res.status, error?.details ?? {});
}

/** Calls the API; its JSON answer, or an ApiError. */
export async function call<T>(path: string, { method = 'GET', body, retry = true }: CallOptions = {}): Promise<T> {
  let res: Response;
  try {
    const form = body instanceof FormData;
    res = await fetch(`${API}${path}`, { method, headers: headers(!form), body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError('The server could not be reached', 0);
  }
  if (res.status === 401 && retry && (await renewLogin())) return call<T>(path, { method, body, retry: false });
  if (!res.ok) throw await failureOf(res);
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Downloads a file the API serves only with the caller's tokens, and hands it to the browser to save. */
export async function download(url: string, name: string) {
  let res = await fetch(url, { headers: headers(false) });
  if (res.status === 401 && (await renewLogin())) res = await fetch(url, { headers: headers(false) });
  if (!res.ok) throw await failureOf(res);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Logs out: the refresh token is revoked on the server, and everything is forgotten here either way. */
export async function logOut() {
  try {
    if (session.refreshToken) await call('/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken }, retry: false });
  } catch {
    // Logged out here either way.
  }
  session.clear();
}
