import { startTransition, useEffect, useState } from 'react';

/**
 * True until the page's content has been painted once, then false in a transition: a long list draws what is in
 * view first and the rest right after that paint (React yields to the browser while drawing it), instead of one
 * long task before anything shows.
 */
export function useFirstPaint(hasContent: boolean): boolean {
  const [isFirstPaint, setFirstPaint] = useState(true);
  useEffect(() => {
    if (!hasContent || !isFirstPaint) return;
    let timer = 0;
    // A frame callback runs before the paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setFirstPaint(false)));
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [hasContent, isFirstPaint]);
  return isFirstPaint;
}
