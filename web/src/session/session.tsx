import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onPasswordChangeRequired, onSessionExpired, setAuthToken } from '../api/client';
import { api } from '../api/endpoints';
import { forgetCachedApi } from '../offline/register-sw';
import type { LoginResult, Role, User } from '../api/types';

const STORAGE_KEY = 'p2h.session';

interface StoredSession {
  token: string;
  user: User;
  /** epoch ms */
  expiresAt: number;
  /** A temporary password: only the change-password form until it is replaced. */
  mustChangePassword?: boolean;
}

/** Why the user is on the login page, shown there once. */
export type SessionNotice = 'expired' | 'loggedOut' | null;

interface SessionContextValue {
  user: User | null;
  /** Logged in with a temporary password (bulk import): the app shows the change-password form first. */
  mustChangePassword: boolean;
  notice: SessionNotice;
  login(username: string, password: string): Promise<User>;
  /** After a password change the server hands out a new token (older ones stop working). */
  replace(result: LoginResult): void;
  /** Ends the session on the server too (every device of this user), and here even when that call fails. */
  logout(): void;
  clearNotice(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    if (typeof parsed.token !== 'string' || !parsed.user || parsed.expiresAt <= Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

function store(session: StoredSession | null): void {
  try {
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode with storage blocked: the session lasts until the tab closes
  }
}

function fromLogin(result: LoginResult): StoredSession {
  return { token: result.access_token, user: result.user, expiresAt: Date.now() + result.expires_in * 1000, mustChangePassword: result.must_change_password };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => {
    const stored = readStored();
    setAuthToken(stored?.token ?? null);
    return stored;
  });
  const [notice, setNotice] = useState<SessionNotice>(null);

  const apply = useCallback((next: StoredSession | null) => {
    setAuthToken(next?.token ?? null);
    store(next);
    setSession(next);
  }, []);

  // Any API call answered "session over" (expired, revoked by a password change, deactivated) logs out here.
  useEffect(() => {
    onSessionExpired(() => {
      apply(null);
      setNotice('expired');
    });
    onPasswordChangeRequired(() => {
      const current = readStored();
      if (current && !current.mustChangePassword) apply({ ...current, mustChangePassword: true });
    });
    return () => {
      onSessionExpired(null);
      onPasswordChangeRequired(null);
    };
  }, [apply]);

  // A restored session is shown at once, then refreshed (role or name may have changed meanwhile).
  useEffect(() => {
    const restored = readStored();
    if (!restored) return;
    const controller = new AbortController();
    api
      .me({ signal: controller.signal })
      .then((user) => {
        const current = readStored();
        if (current && current.token === restored.token) apply({ ...current, user });
      })
      .catch(() => {
        // offline or server trouble: keep working with the stored user; "session over" is handled above
      });
    return () => controller.abort();
  }, [apply]);

  const value = useMemo<SessionContextValue>(
    () => ({
      user: session?.user ?? null,
      mustChangePassword: session?.mustChangePassword === true,
      notice,
      async login(username, password) {
        const result = await api.login(username, password);
        apply(fromLogin(result));
        setNotice(null);
        return result.user;
      },
      replace(result) {
        apply(fromLogin(result));
      },
      logout() {
        // The request carries the current token (read before apply clears it). Offline it fails and
        // only this phone forgets the session; the token then dies at its expiry.
        api.logout().catch(() => undefined);
        forgetCachedApi();
        apply(null);
        setNotice('loggedOut');
      },
      clearNotice() {
        setNotice(null);
      },
    }),
    [session, notice, apply],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The logged-in user; only for pages behind RequireAuth. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}

export const SUBMITTERS: Role[] = ['user', 'admin', 'superadmin'];
export const MONITORS: Role[] = ['viewer', 'mechanic', 'admin', 'superadmin'];
/** Who works on defects (Perbaikan). */
export const WORKSHOP: Role[] = ['mechanic', 'admin', 'superadmin'];
export const ADMINS: Role[] = ['admin', 'superadmin'];

/** Where each role starts after logging in. */
export function homePath(role: Role): string {
  if (role === 'viewer') return '/monitor';
  if (role === 'mechanic') return '/repairs';
  if (role === 'admin' || role === 'superadmin') return '/admin';
  return '/units';
}
