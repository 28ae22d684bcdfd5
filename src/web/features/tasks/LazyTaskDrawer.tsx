import { lazy, Suspense, type ComponentProps } from 'react';
import { useOpenedOnce } from '../../components/useOpenedOnce.ts';

/** The drawer's chunk: its form, editors, comments and history (~120 KB brotli with antd's parts). */
export const loadTaskDrawer = () => import('./TaskDrawer.tsx');

const TaskDrawer = lazy(() => loadTaskDrawer().then((module) => ({ default: module.TaskDrawer })));

/** The task drawer, loaded when a task first opens (or the page starts with `?task=`). */
export function LazyTaskDrawer(props: ComponentProps<typeof TaskDrawer>) {
  if (!useOpenedOnce(props.taskId !== null)) return null;
  return (
    <Suspense fallback={null}>
      <TaskDrawer {...props} />
    </Suspense>
  );
}
