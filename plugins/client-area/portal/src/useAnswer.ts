import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from './api';
import { useEndedSession } from './session';

/**
 * One answer of the API for a page (its whole body: `{ data, meta }`), loaded when it shows and whenever `path` changes
 * (none while `path` is null); a late answer to an earlier path is dropped. `reload`
 * asks again.
 */
export function useAnswer<T>(path: string | null) {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: unknown }>({ path: null });
  const latest = useRef(0);
  const reload = useCallback(() => {
    if (path === null) return;
    const asked = ++latest.current;
    call<T>(path)
      .then((answer) => asked === latest.current && setState({ path, data: answer }))
      .catch((error: unknown) => asked === latest.current && setState({ path, error }));
  }, [path]);
  useEffect(reload, [reload]);
  const current = state.path === path;
  useEndedSession(current ? state.error : undefined);
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: path !== null && (!current || (state.data === undefined && state.error === undefined)), reload };
}

/** A form's sending: `run` clears the last failure, sends, and keeps the new failure (one at a time) to show. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEndedSession(error);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/**
 * An action on a page and what it did: `act` clears the last outcome, sends the request,
 * then keeps `message` to show (or the failure, one at a time) and calls `after` (the
 * page's reload).
 */
export function useAction(after?: () => void) {
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState('');
  const act = useCallback(
    (request: () => Promise<unknown>, message: string) =>
      run(async () => {
        setDone('');
        await request();
        setDone(message);
        after?.();
      }),
    [run, after],
  );
  return { busy, error, done, act };
}

/**
 * A list the API pages, narrowed by status: the status chosen (a new one starts again from
 * the first page), the page, the number of pages, and the answer for them. `params` are
 * the list's other query parameters.
 */
export function useStatusPages<T extends { meta: { total: number } }>(path: string, pageSize: number, params: Record<string, string> = {}) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ ...params, page: String(page), pageSize: String(pageSize) });
  if (status) query.set('status', status);
  const answer = useAnswer<T>(`${path}?${query}`);
  const filterBy = useCallback((next: string) => {
    setStatus(next);
    setPage(1);
  }, []);
  return { answer, status, filterBy, page, setPage, pages: Math.max(1, Math.ceil((answer.data?.meta.total ?? 0) / pageSize)) };
}
