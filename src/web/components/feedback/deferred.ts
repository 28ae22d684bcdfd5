import type { useAppProps } from 'antd/es/app/context';

/** What antd's `App.useApp()` gives: the message, notification and modal functions. */
export type FeedbackApi = useAppProps;

type Part = keyof FeedbackApi;
type Call = (api: FeedbackApi) => void;

export type DeferredFeedback = {
  /** Stands in for the real functions until they are attached: calls wait in order, then run. */
  api: FeedbackApi;
  attach: (real: FeedbackApi) => void;
  /** Called once, on the first call made before the real functions are there. */
  onFirstCall: (listener: () => void) => void;
};

/**
 * The message, notification and modal functions before their code has loaded. A call made meanwhile (an error
 * on the first request) is kept and made on the real function once attached; it returns a promise of what the
 * real call returns (a message's or a modal's own thenable is followed, as `await message.success(…)` and
 * `await modal.confirm(…)` expect). Pure: no React, no antd at run time.
 */
export function deferredFeedback(): DeferredFeedback {
  let real: FeedbackApi | null = null;
  let queue: Call[] = [];
  let listener: (() => void) | null = null;
  let called = false;

  const part = (name: Part) =>
    new Proxy(
      {},
      {
        get: (_target, method) => {
          if (typeof method !== 'string' || method === 'then') return undefined;
          return (...args: unknown[]) => {
            const run = (api: FeedbackApi) =>
              (api[name] as unknown as Record<string, (...a: unknown[]) => unknown>)[method]?.(...args);
            if (real) return run(real);
            const result = new Promise((resolve) => queue.push((api) => resolve(run(api))));
            if (!called) {
              called = true;
              listener?.();
            }
            return result;
          };
        },
      },
    );

  return {
    api: {
      message: part('message'),
      notification: part('notification'),
      modal: part('modal'),
    } as FeedbackApi,
    attach: (api) => {
      real = api;
      const waiting = queue;
      queue = [];
      for (const call of waiting) call(api);
    },
    onFirstCall: (next) => {
      listener = next;
      if (called && !real) next();
    },
  };
}
