import type { PlanLocale } from '../model.ts';

/**
 * The written plan as a format-neutral value: every renderer (Markdown, HTML, DOCX, PDF, XLSX) walks the same
 * blocks, so the formats never disagree about what the plan says. Text is already in the document's language;
 * numbers stay numbers in table cells so a spreadsheet keeps them as values.
 */

export type Cell = string | number | null;

export type TableColumn = { label: string; align?: 'left' | 'right' | 'center' };

/** A timeline bar (a task) or a milestone, in calendar days. */
export type TimelineItem = {
  label: string;
  start: string;
  finish: string;
  isMilestone: boolean;
  isCritical: boolean;
};

export type FlowNode = {
  id: string;
  label: string;
  kind: 'start' | 'task' | 'decision' | 'end';
  /** Second line under the name: owner and SLA. */
  detail: string | null;
  isBottleneck: boolean;
};

export type FlowEdge = { from: string; to: string; label: string | null };

/** What a picture shows; the server draws it (ECharts SVG, PNG where a format needs raster). */
export type ChartSpec =
  | {
      type: 'timeline';
      items: TimelineItem[];
      legend: { task: string; critical: string; milestone: string };
    }
  | { type: 'flow'; nodes: FlowNode[]; edges: FlowEdge[] }
  | {
      type: 'kpi';
      name: string;
      unit: string | null;
      points: { period: string; value: number }[];
      target: number | null;
      legend: { actual: string; target: string };
    };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'keyValue'; items: { label: string; value: string }[] }
  | {
      kind: 'table';
      caption: string | null;
      columns: TableColumn[];
      rows: Cell[][];
      highlightRows?: number[];
    }
  | { kind: 'figure'; id: string; caption: string; chart: ChartSpec }
  | { kind: 'note'; tone: 'info' | 'warning' | 'empty'; text: string };

export type DocumentChapter = {
  id: string;
  /** 1-based, as printed in the heading ("1 目标"). */
  number: number;
  title: string;
  /** False when the chapter only says that nothing is planned yet. */
  isPlanned: boolean;
  blocks: Block[];
};

export type PlanDocument = {
  locale: PlanLocale;
  cover: {
    title: string;
    subtitle: string;
    /** Workspace, scope and when it was generated (in the plan's time zone), labelled in the document's language. */
    facts: { label: string; value: string }[];
  };
  /** Labels a renderer prints itself; `page` holds `{page}` and `{total}` for the footer's page fields. */
  labels: { contents: string; page: string; figure: string; generatedBy: string };
  chapters: DocumentChapter[];
};
