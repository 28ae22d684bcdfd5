import { describe, expect, it, vi } from 'vitest';
import { deferredFeedback, type FeedbackApi } from './deferred.ts';

function fakeApi(log: string[]): FeedbackApi {
  const part = (name: string) =>
    new Proxy(
      {},
      {
        get:
          (_target, method) =>
          (...args: unknown[]) => {
            log.push(`${name}.${String(method)}(${args.map((arg) => JSON.stringify(arg)).join(',')})`);
            return `${name}.${String(method)} result`;
          },
      },
    );
  return {
    message: part('message'),
    notification: part('notification'),
    modal: part('modal'),
  } as FeedbackApi;
}

describe('deferredFeedback', () => {
  it('keeps calls made before the real functions load and makes them in order once attached', async () => {
    const deferred = deferredFeedback();
    const log: string[] = [];
    const first = deferred.api.message.error('saving failed');
    void deferred.api.notification.info({ message: 'new', description: 'a task' });
    void deferred.api.modal.confirm({ title: 'delete?' });
    expect(log).toEqual([]);

    deferred.attach(fakeApi(log));
    expect(log).toEqual([
      'message.error("saving failed")',
      'notification.info({"message":"new","description":"a task"})',
      'modal.confirm({"title":"delete?"})',
    ]);
    await expect(first).resolves.toBe('message.error result');
  });

  it('calls the real functions directly once attached', () => {
    const deferred = deferredFeedback();
    const log: string[] = [];
    deferred.attach(fakeApi(log));
    expect(deferred.api.message.success('saved')).toBe('message.success result');
    expect(log).toEqual(['message.success("saved")']);
  });

  it('asks for the real functions on the first early call only', () => {
    const deferred = deferredFeedback();
    const listener = vi.fn();
    deferred.onFirstCall(listener);
    void deferred.api.message.info('one');
    void deferred.api.message.info('two');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('tells a listener that comes after an early call', () => {
    const deferred = deferredFeedback();
    void deferred.api.modal.info({ title: 'x' });
    const listener = vi.fn();
    deferred.onFirstCall(listener);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is not mistaken for a promise', async () => {
    const deferred = deferredFeedback();
    // `await api.message` or a promise library checking `.then` must not see a function there.
    expect((deferred.api.message as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(deferred.api.message)).resolves.toBe(deferred.api.message);
  });
});
