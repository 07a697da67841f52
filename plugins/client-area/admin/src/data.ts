import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { describeFailure } from './permissions';
import { useT } from './t';

type Params = Record<string, string | number | undefined>;

/** `value` once it has stopped changing for `ms`: what a search asks for while someone types. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Drops the filters left empty, so a list's address names only what narrows it. */
const given = (params: Params) => Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));

/**
 * One answer of the plugin's admin API (`{ data }`), loaded when the page shows and again
 * on `reload`; a failure becomes words a person can act on (`what`: what was asked for).
 * An empty `path` asks nothing (a part the role may not see).
 */
export function useFetched<T>(path: string, what: string, params: Params = {}) {
  const { get } = useFetchClient();
  const t = useT();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = JSON.stringify(given(params));
  const latest = useRef(0);
  const reload = useCallback(() => {
    if (!path) return;
    // Only the last question's answer is shown: an older one arriving late is dropped.
    const asked = ++latest.current;
    get(path, { params: JSON.parse(query) })
      .then(({ data: body }) => {
        if (asked !== latest.current) return;
        setData((body as { data: T }).data);
        setError(null);
      })
      .catch((e: unknown) => asked === latest.current && setError(describeFailure(t, e, what)));
  }, [get, path, query, t, what]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** A paged list of the admin API (`{ data, meta: { total } }`): its rows, its page, and the number of pages. */
export function usePagedList<Row>(path: string, what: string, filters: Params, pageSize = 25) {
  const { get } = useFetchClient();
  const t = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const query = JSON.stringify(given(filters));
  // The page belongs to the filters it was chosen under: new filters start from the first.
  const [at, setAt] = useState({ query, page: 1 });
  const page = at.query === query ? at.page : 1;
  const setPage = useCallback((next: number) => setAt({ query, page: next }), [query]);
  const latest = useRef(0);
  const reload = useCallback(() => {
    const asked = ++latest.current;
    get(path, { params: { ...JSON.parse(query), page, pageSize } })
      .then(({ data: body }) => {
        if (asked !== latest.current) return;
        const answer = body as { data: Row[]; meta: { total: number } };
        setRows(answer.data);
        setTotal(answer.meta.total);
        setError(null);
      })
      .catch((e: unknown) => asked === latest.current && setError(describeFailure(t, e, what)));
  }, [get, path, query, page, pageSize, t, what]);
  useEffect(reload, [reload]);
  return { rows, total, page, setPage, pages: Math.max(1, Math.ceil(total / pageSize)), error, reload };
}

/**
 * A change made from a page: `run` sends it, says in a notification that it was done —
 * `done` is the sentence, or makes it from the server's answer — or, in the server's or
 * the permissions' words, why not, and resolves to `{ answer }` (the answer's `data`), or to
 * null when it failed. `busy` is true while a change is on its way.
 */
export function useAction(what: string) {
  const { toggleNotification } = useNotification();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <Answer = unknown>(request: () => Promise<unknown>, done: string | ((answer: Answer) => string)): Promise<{ answer: Answer } | null> => {
      setBusy(true);
      try {
        const response = (await request()) as { data?: { data?: Answer } } | undefined;
        const answer = response?.data?.data as Answer;
        toggleNotification({ type: 'success', message: typeof done === 'string' ? done : done(answer) });
        return { answer };
      } catch (e) {
        toggleNotification({ type: 'danger', message: describeFailure(t, e, what) });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [toggleNotification, t, what],
  );
  return { busy, run };
}

/** A file from the admin API, fetched with the admin's own session and handed to the browser to save. */
export function useDownload() {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useT();
  return useCallback(
    async (url: string, name: string) => {
      try {
        const { data } = await get(url, { responseType: 'blob' });
        const href = URL.createObjectURL(data as Blob);
        Object.assign(document.createElement('a'), { href, download: name }).click();
        // The browser reads the address after the click returns: let it go a moment later.
        setTimeout(() => URL.revokeObjectURL(href), 60_000);
      } catch (e) {
        toggleNotification({ type: 'danger', message: describeFailure(t, e, name) });
      }
    },
    [get, toggleNotification, t],
  );
}
