import { lazy, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { theme } from 'antd';
// The context antd's `App.useApp()` reads: pages keep calling that, the shell calls useAppFeedback.
import AppContext from 'antd/es/app/context';
import { deferredFeedback, type FeedbackApi } from './deferred.ts';

// The message, notification and modal holders (antd's Modal, its dialog and the notices: ~15 KB gzip) are a
// chunk of their own, loaded once the browser is idle after the first screen, or on the first call if sooner.
const FeedbackHolders = lazy(() =>
  import('./FeedbackHolders.tsx').then((module) => ({ default: module.FeedbackHolders })),
);

/**
 * antd's `<App>` without its holders on the first screen: the same context for `App.useApp()`, the same root
 * element and text style (`.ant-app`: colour, size, line height and font from the theme).
 */
export function AppFeedback({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const [deferred] = useState(deferredFeedback);
  const [api, setApi] = useState<FeedbackApi>(deferred.api);
  const [isWanted, setWanted] = useState(false);
  const onReady = useCallback(
    (real: FeedbackApi) => {
      deferred.attach(real);
      setApi(real);
    },
    [deferred],
  );

  useEffect(() => {
    deferred.onFirstCall(() => setWanted(true));
    const want = () => setWanted(true);
    // Safari before 18 has no requestIdleCallback: a second after the first render instead.
    if (typeof window.requestIdleCallback !== 'function') {
      const id = setTimeout(want, 1000);
      return () => clearTimeout(id);
    }
    const id = window.requestIdleCallback(want, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }, [deferred]);

  return (
    <AppContext.Provider value={api}>
      <div
        className="ant-app"
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {isWanted ? (
          <Suspense fallback={null}>
            <FeedbackHolders onReady={onReady} />
          </Suspense>
        ) : null}
        {children}
      </div>
    </AppContext.Provider>
  );
}

/** antd's `App.useApp()` for the shell, without importing antd's App (and its holders) with it. */
export function useAppFeedback(): FeedbackApi {
  return useContext(AppContext);
}
