import { createContext, useContext, useEffect } from 'react';
import { ApiError } from './api';

export interface SessionState {
  loggedIn: boolean;
  /** After a login: the login is kept, the page re-reads it. */
  loggedInNow: () => void;
  /** Logs out, then shows the login page with `message`. */
  end: (message: string) => Promise<void>;
}

export const SessionContext = createContext<SessionState>({ loggedIn: false, loggedInNow: () => undefined, end: async () => undefined });
export const useSession = () => useContext(SessionContext);

/** What the login page says when it opens: why the person is there. */
export const flash = { message: '' };

/** A login that has ended (expired, revoked, logged out in another tab) sends the person to log in again. */
export function useEndedSession(error: unknown) {
  const { end } = useSession();
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) void end('Your session has ended. Log in again.');
  }, [error, end]);
}
