/** The parts of a process step the diagram needs. */
export type FlowStepShape = {
  key: string;
  kind: 'start' | 'task' | 'decision' | 'end';
  outcomes: readonly { key: string; label: string; next: string }[];
};

export type FlowNodePosition = {
  key: string;
  /** Column: the longest path from the start, back-edges left out. */
  layer: number;
  /** Place in its column, top to bottom. */
  row: number;
  x: number;
  y: number;
};

export type FlowEdge = {
  source: string;
  target: string;
  /** Outcome labels, only when the step offers a choice (two or more outcomes). */
  label: string | null;
  /** An edge back to an earlier step (a rework loop). */
  isBackEdge: boolean;
};

export type FlowLayout = {
  nodes: FlowNodePosition[];
  edges: FlowEdge[];
  layerCount: number;
  /** Most nodes in one column. */
  maxRows: number;
};

export type FlowLayoutOptions = { columnGap?: number; rowGap?: number };

/**
 * Positions for a process diagram, left to right: each step in the column of its longest path from the
 * start (ignoring edges that loop back), steps of a column spread vertically around the middle, ordered by
 * where their predecessors sit so lines cross less. Outcomes to unknown steps are left out.
 */
export function layoutFlow(steps: readonly FlowStepShape[], options: FlowLayoutOptions = {}): FlowLayout {
  const columnGap = options.columnGap ?? 240;
  const rowGap = options.rowGap ?? 100;
  const index = new Map<string, number>();
  steps.forEach((step, position) => {
    if (!index.has(step.key)) index.set(step.key, position);
  });
  const unique = steps.filter((step, position) => index.get(step.key) === position);

  const edges = unique.flatMap((step) => {
    const byTarget = new Map<string, string[]>();
    for (const outcome of step.outcomes) {
      if (!index.has(outcome.next)) continue;
      byTarget.set(outcome.next, [...(byTarget.get(outcome.next) ?? []), outcome.label]);
    }
    const isChoice = step.outcomes.length >= 2;
    return [...byTarget].map(([target, labels]) => ({
      source: step.key,
      target,
      label: isChoice ? labels.join(' / ') : null,
      isBackEdge: false,
    }));
  });
  const outgoing = new Map<string, FlowEdge[]>(unique.map((step) => [step.key, []]));
  for (const edge of edges) outgoing.get(edge.source)?.push(edge);

  // Depth-first from the start: an edge to a step still on the path closes a loop.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (key: string) => {
    state.set(key, 'open');
    for (const edge of outgoing.get(key) ?? []) {
      const seen = state.get(edge.target);
      if (seen === 'open') edge.isBackEdge = true;
      else if (seen === undefined) visit(edge.target);
    }
    state.set(key, 'done');
  };
  const starts = unique.filter((step) => step.kind === 'start');
  for (const step of [...starts, ...unique]) if (!state.has(step.key)) visit(step.key);

  // Longest path over the edges that go forward, in topological order.
  const forward = edges.filter((edge) => !edge.isBackEdge);
  const predecessors = new Map<string, string[]>(unique.map((step) => [step.key, []]));
  const incoming = new Map<string, number>(unique.map((step) => [step.key, 0]));
  for (const edge of forward) {
    predecessors.get(edge.target)?.push(edge.source);
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  }
  const layer = new Map<string, number>(unique.map((step) => [step.key, 0]));
  const ready = unique.filter((step) => incoming.get(step.key) === 0).map((step) => step.key);
  while (ready.length > 0) {
    const key = ready.shift() ?? '';
    for (const edge of outgoing.get(key) ?? []) {
      if (edge.isBackEdge) continue;
      layer.set(edge.target, Math.max(layer.get(edge.target) ?? 0, (layer.get(key) ?? 0) + 1));
      const left = (incoming.get(edge.target) ?? 0) - 1;
      incoming.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }

  const layerCount = unique.length === 0 ? 0 : Math.max(...layer.values()) + 1;
  const columns: string[][] = Array.from({ length: layerCount }, () => []);
  for (const step of unique) columns[layer.get(step.key) ?? 0]?.push(step.key);

  const row = new Map<string, number>();
  const nodes: FlowNodePosition[] = [];
  columns.forEach((column, layerIndex) => {
    const centre = (key: string) => {
      const rows = (predecessors.get(key) ?? [])
        .map((source) => row.get(source))
        .filter((value): value is number => value !== undefined);
      return rows.length === 0
        ? Number.POSITIVE_INFINITY
        : rows.reduce((sum, value) => sum + value, 0) / rows.length;
    };
    // Centre relative to each column's middle so columns of different heights line up.
    const ordered = [...column].sort(
      (a, b) => centre(a) - centre(b) || (index.get(a) ?? 0) - (index.get(b) ?? 0),
    );
    ordered.forEach((key, rowIndex) => {
      const offset = rowIndex - (ordered.length - 1) / 2;
      row.set(key, offset);
      nodes.push({ key, layer: layerIndex, row: rowIndex, x: layerIndex * columnGap, y: offset * rowGap });
    });
  });
  nodes.sort((a, b) => (index.get(a.key) ?? 0) - (index.get(b.key) ?? 0));

  return {
    nodes,
    edges,
    layerCount,
    maxRows: Math.max(0, ...columns.map((column) => column.length)),
  };
}
