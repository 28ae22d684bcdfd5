import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The task whose drawer is open, kept in the address (`?task=…`) so a link opens it again. */
export function useOpenTask() {
  const [params, setParams] = useSearchParams();
  const taskId = params.get('task');
  const open = useCallback(
    (id: string | null) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        if (id) next.set('task', id);
        else next.delete('task');
        return next;
      }),
    [setParams],
  );
  return [taskId, open] as const;
}
