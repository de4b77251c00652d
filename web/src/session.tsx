import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { getJson, problemOf, sendJson, setCsrfToken, whenSessionEnds, type Problem } from './api.js';

export interface Session {
  staffNo: string;
  name: string;
  officeCode: string | null;
  roles: { code: string; name: string }[];
  permissions: string[];
  csrfToken: string;
  reauthenticatedAt: string | null;
  idleMinutes: number;
}

type SessionState =
  | { state: 'loading' }
  | { state: 'signed-out'; reason: Problem | null }
  | { state: 'signed-in'; session: Session };

interface SessionContextValue {
  current: SessionState;
  /** Reads the session again (after sign-in, re-authentication). */
  refresh(): Promise<void>;
  signOut(everywhere: boolean): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Who is signed in, for every screen; a 401 from any request returns the app to sign-in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<SessionState>({ state: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await getJson<Session>('/api/v1/auth/session');
      setCsrfToken(session.csrfToken);
      setCurrent({ state: 'signed-in', session });
    } catch (error) {
      setCsrfToken(null);
      const problem = problemOf(error);
      setCurrent({ state: 'signed-out', reason: problem.status === 401 && problem.detail !== 'サインインしてください。' ? problem : null });
    }
  }, []);

  useEffect(() => {
    whenSessionEnds((problem) => {
      setCsrfToken(null);
      setCurrent({ state: 'signed-out', reason: problem });
    });
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async (everywhere: boolean) => {
    await sendJson('POST', everywhere ? '/api/v1/auth/sign-out-everywhere' : '/api/v1/auth/sign-out');
    setCsrfToken(null);
    setCurrent({ state: 'signed-out', reason: null });
  }, []);

  const can = useCallback(
    (permission: string) => current.state === 'signed-in' && current.session.permissions.includes(permission),
    [current],
  );

  return <SessionContext.Provider value={{ current, refresh, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
