import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { UnappliedChangesDialog, type UnappliedChangesAnswer } from '../layout/unapplied-changes-dialog';

/** What a pane with unapplied changes registers: what they are, and how to apply or drop them. */
export interface NavigationGuard {
  /** The changes' subject, for the question: "SSL Settings of Shop/admin". */
  what: string;
  /** Apply the changes; resolves false when they were refused (the pane shows why), and the console stays. */
  apply(): Promise<boolean>;
  /** Drop the changes. */
  discard(): void;
}

interface GuardRegistry {
  /** Hold every navigation while `guard` is registered; returns its removal. */
  register(guard: NavigationGuard): () => void;
  /** Run `go` at once (true) or, while a pane is dirty, once the administrator has answered the question (false). */
  leave(go: () => void): boolean;
}

const GuardContext = createContext<GuardRegistry | null>(null);

interface Question {
  what: string;
  go(): void;
}

/** The browser's own "Leave site?" (Electron's main process turns it into a question of its own). */
function holdUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older engines read returnValue instead of preventDefault().
  event.returnValue = true;
}

/**
 * The console's navigation guard: a pane with changes not applied registers one, and every navigation
 * (ConsoleActions.selectNode, opening a feature or going back to Home) first asks Apply / Don't Apply /
 * Cancel, as IIS Manager asks "Do you want to save the changes?". Closing or reloading the window gets
 * the browser's beforeunload confirmation. One guard at a time: the middle pane shows one page.
 */
export function NavigationGuardProvider({ children }: { children: ReactNode }) {
  const guardRef = useRef<NavigationGuard | null>(null);
  const [guarded, setGuarded] = useState(false);
  const [question, setQuestion] = useState<Question | null>(null);
  const [busy, setBusy] = useState(false);

  const registry = useMemo<GuardRegistry>(
    () => ({
      register(guard) {
        guardRef.current = guard;
        setGuarded(true);
        return () => {
          if (guardRef.current !== guard) return;
          guardRef.current = null;
          setGuarded(false);
        };
      },
      leave(go) {
        const guard = guardRef.current;
        if (!guard) {
          go();
          return true;
        }
        setQuestion({ what: guard.what, go });
        return false;
      },
    }),
    [],
  );

  useEffect(() => {
    if (!guarded) return;
    window.addEventListener('beforeunload', holdUnload);
    return () => window.removeEventListener('beforeunload', holdUnload);
  }, [guarded]);

  const answer = useCallback(
    async (choice: UnappliedChangesAnswer) => {
      if (!question) return;
      const guard = guardRef.current;
      if (choice === 'apply' && guard) {
        setBusy(true);
        let applied = false;
        try {
          applied = await guard.apply();
        } finally {
          setBusy(false);
          setQuestion(null);
        }
        // Refused: stay on the pane, which shows the service's message, with the changes kept.
        if (applied) question.go();
        return;
      }
      setQuestion(null);
      if (choice === 'cancel') return;
      guard?.discard();
      question.go();
    },
    [question],
  );

  return (
    <GuardContext.Provider value={registry}>
      {children}
      {question && <UnappliedChangesDialog what={question.what} busy={busy} onAnswer={(choice) => void answer(choice)} />}
    </GuardContext.Provider>
  );
}

function useRegistry(hook: string): GuardRegistry {
  const value = useContext(GuardContext);
  if (!value) throw new Error(`${hook}() outside NavigationGuardProvider`);
  return value;
}

/** Navigation that respects the guard: `leave(go)` runs `go` now or after the question; for the console's own state. */
export const useGuardedLeave = (): GuardRegistry['leave'] => useRegistry('useGuardedLeave').leave;

/**
 * For an editing pane: while `guard` is not null (the pane has changes not applied), leaving the pane
 * or closing the window asks first. The latest guard object is used, so it may close over the draft.
 */
export function useNavigationGuard(guard: NavigationGuard | null): void {
  const { register } = useRegistry('useNavigationGuard');
  const latest = useRef(guard);
  latest.current = guard;
  const active = guard !== null;
  useEffect(() => {
    if (!active) return;
    return register({
      get what() {
        return latest.current?.what ?? '';
      },
      apply: () => latest.current?.apply() ?? Promise.resolve(true),
      discard: () => latest.current?.discard(),
    });
  }, [active, register]);
}
