/**
 * @module The signed-in session for the screens: who is signed in with which permissions,
 * refreshed after sign-in and ended when the server says so.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { StaffSession } from '../../src/access/model.js';
import { getJson, problemOf, sendJson, setCsrfToken, whenSessionEnds, type Problem } from './api.js';

type SessionState =
  | { state: 'loading' }
  | { state: 'signed-out'; reason: Problem | null }
  | { state: 'signed-in'; session: StaffSession };

interface SessionContextValue {
  current: SessionState;
  /** Reads the session again (after sign-in, re-authentication). */
  refresh(): Promise<void>;
  signOut(everywhere: boolean): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Tabs of the same browser tell each other when the session has ended (it is one cookie). */
const SESSION_CHANNEL = 'keitax-session';
const ENDED = 'session-ended';

const ENDED_IN_ANOTHER_TAB: Problem = {
  title: 'サインアウトしました',
  detail: '別のタブまたはウィンドウでセッションが終了したため、この画面の表示を消しました。もう一度サインインしてください。',
  status: 401,
};

/**
 * Who is signed in, for every screen. A 401 from any request returns the app to sign-in, and so
 * does the end of the session in another tab (sign-out, timeout), so no tab keeps personal data
 * on screen after the session is over; a tab brought back to the front checks its session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<SessionState>({ state: 'loading' });
  const channel = useRef<BroadcastChannel | null>(null);

  const refresh = useCallback(async () => {
    try {
      const session = await getJson<StaffSession>('/api/v1/auth/session');
      setCsrfToken(session.csrfToken);
      setCurrent({ state: 'signed-in', session });
    } catch (error) {
      setCsrfToken(null);
      const problem = problemOf(error);
      setCurrent({ state: 'signed-out', reason: problem.status === 401 && problem.detail !== 'サインインしてください。' ? problem : null });
    }
  }, []);

  const ended = useCallback((reason: Problem | null, tellOtherTabs: boolean) => {
    setCsrfToken(null);
    setCurrent({ state: 'signed-out', reason });
    if (tellOtherTabs) channel.current?.postMessage(ENDED);
  }, []);

  useEffect(() => {
    const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
    channel.current = tabs;
    tabs?.addEventListener('message', (event: MessageEvent) => {
      if (event.data === ENDED) ended(ENDED_IN_ANOTHER_TAB, false);
    });
    whenSessionEnds((problem) => ended(problem, true));
    void refresh();
    return () => {
      tabs?.close();
      channel.current = null;
    };
  }, [refresh, ended]);

  useEffect(() => {
    if (current.state !== 'signed-in') return;
    // A session may have ended while this tab was in the background (another device, a disabled account).
    const checkWhenShown = () => {
      if (document.visibilityState === 'visible') void getJson('/api/v1/auth/session').catch(() => undefined);
    };
    document.addEventListener('visibilitychange', checkWhenShown);
    return () => document.removeEventListener('visibilitychange', checkWhenShown);
  }, [current.state]);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      await sendJson('POST', everywhere ? '/api/v1/auth/sign-out-everywhere' : '/api/v1/auth/sign-out');
      ended(null, true);
    },
    [ended],
  );

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
