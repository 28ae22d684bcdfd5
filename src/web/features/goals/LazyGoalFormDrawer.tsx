import { lazy, Suspense, type ComponentProps } from 'react';
import { useOpenedOnce } from '../../components/useOpenedOnce.ts';

const GoalFormDrawer = lazy(() =>
  import('./GoalFormDrawer.tsx').then((module) => ({ default: module.GoalFormDrawer })),
);

/**
 * The goal form for the goal tree, loaded when first opened: mounted (it renders its form while closed, and
 * reads every member for the owner picker) it cost the tree a chunk, a request and part of its first render.
 */
export function LazyGoalFormDrawer(props: ComponentProps<typeof GoalFormDrawer>) {
  if (!useOpenedOnce(props.mode !== null)) return null;
  return (
    <Suspense fallback={null}>
      <GoalFormDrawer {...props} />
    </Suspense>
  );
}
