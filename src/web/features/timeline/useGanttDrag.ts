import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { WorkCalendar } from '../../../core/schedule/calendar.ts';
import type { Schedule } from '../tasks/hooks.ts';
import {
  proposedDates,
  reschedule,
  type DateChange,
  type DragMode,
  type GanttRow,
  type ShiftedDates,
} from './gantt.ts';

type Drag = { taskId: string; mode: DragMode; originX: number; delta: number; hasMoved: boolean };

export type GanttDrag = {
  /** The task being dragged, while the pointer is down. */
  draggedTaskId: string | null;
  /** The dates the drag proposes now (null before it has moved a day). */
  dragChange: DateChange | null;
  /** The change drawn: the drag's, else the one being saved. */
  shownChange: DateChange | null;
  /** Tasks the shown change moves, with their new dates (the dragged task included). */
  moved: ReadonlyMap<string, ShiftedDates> | null;
  movedCount: number;
  startDrag: (event: ReactPointerEvent<SVGElement>, row: GanttRow, mode: DragMode) => void;
  moveDrag: (event: ReactPointerEvent<SVGElement>) => void;
  endDrag: () => void;
};

/**
 * Dragging a bar: a move, or either end. While it moves, the schedule is recomputed in the browser to show what
 * moves with it; on release the change is saved (and shown until the save ends), or a click opens the task.
 */
export function useGanttDrag({
  schedule,
  calendar,
  rows,
  rowIndex,
  dayWidth,
  mayWrite,
  onChange,
  onOpenTask,
}: {
  schedule: Schedule;
  calendar: WorkCalendar;
  rows: readonly GanttRow[];
  rowIndex: ReadonlyMap<string, number>;
  dayWidth: number;
  mayWrite: boolean;
  onChange: (change: DateChange) => Promise<void>;
  onOpenTask: (taskId: string) => void;
}): GanttDrag {
  const dragRef = useRef<Drag | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [pending, setPending] = useState<{ change: DateChange; moved: Map<string, ShiftedDates> } | null>(
    null,
  );

  const draggedRow = drag ? rows[rowIndex.get(drag.taskId) ?? -1] : undefined;
  const dragChange = useMemo(
    () => (drag && draggedRow && drag.delta !== 0 ? proposedDates(draggedRow, drag.mode, drag.delta) : null),
    [drag, draggedRow],
  );
  const preview = useMemo(
    () => (dragChange ? reschedule(schedule, calendar, dragChange) : null),
    [dragChange, schedule, calendar],
  );
  const shownChange = dragChange ?? pending?.change ?? null;
  const moved = preview ?? pending?.moved ?? null;
  const movedCount = moved ? [...moved.keys()].filter((id) => id !== shownChange?.taskId).length : 0;

  const startDrag = (event: ReactPointerEvent<SVGElement>, row: GanttRow, mode: DragMode) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    const next = { taskId: row.id, mode, originX: event.clientX, delta: 0, hasMoved: false };
    dragRef.current = next;
    setDrag(next);
  };
  const moveDrag = (event: ReactPointerEvent<SVGElement>) => {
    const current = dragRef.current;
    if (!current) return;
    const offset = event.clientX - current.originX;
    const delta = mayWrite ? Math.round(offset / dayWidth) : 0;
    const hasMoved = current.hasMoved || Math.abs(offset) > 3;
    if (delta === current.delta && hasMoved === current.hasMoved) return;
    const next = { ...current, delta, hasMoved };
    dragRef.current = next;
    setDrag(next);
  };
  const endDrag = () => {
    const current = dragRef.current;
    dragRef.current = null;
    setDrag(null);
    if (!current) return;
    if (!current.hasMoved) return onOpenTask(current.taskId);
    if (!dragChange || current.delta === 0) return;
    setPending({ change: dragChange, moved: preview ?? new Map() });
    void onChange(dragChange).finally(() => setPending(null));
  };

  return {
    draggedTaskId: drag?.taskId ?? null,
    dragChange,
    shownChange,
    moved,
    movedCount,
    startDrag,
    moveDrag,
    endDrag,
  };
}

/** A row's dates as drawn: the shown change's for its task, else the schedule's. */
export function shownDates(row: GanttRow, shownChange: DateChange | null): { start: string; finish: string } {
  if (shownChange && shownChange.taskId === row.id) {
    return {
      start: shownChange.startDate,
      finish: row.isMilestone ? shownChange.startDate : shownChange.dueDate,
    };
  }
  return { start: row.earlyStart, finish: row.earlyFinish };
}
