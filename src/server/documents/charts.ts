import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, FlowNode, PlanDocument, TimelineItem } from '../../core/plan/document/types.ts';
import { chromiumPath, LAUNCH_ARGS } from './browser.ts';

// Only the chart types the plan document draws.
echarts.use([
  CustomChart,
  LineChart,
  ScatterChart,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
]);

/** Chinese needs a CJK face; Noto Sans CJK is what fonts-noto-cjk installs, the rest cover desktops. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const BLUE = '#1677ff';
const RED = '#d4380d';
const GREY = '#8c8c8c';
const DAY_MS = 86_400_000;

export type RenderedFigure = { svg: string; width: number; height: number };

type EChartsOption = Parameters<echarts.ECharts['setOption']>[0];

function draw(option: EChartsOption, width: number, height: number): RenderedFigure {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return { svg: chart.renderToSVGString(), width, height };
  } finally {
    chart.dispose();
  }
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function timeline(items: TimelineItem[], legend: { task: string; critical: string; milestone: string }) {
  const width = 900;
  const height = Math.max(170, 90 + items.length * 24);
  const bar = (isCritical: boolean) =>
    items.flatMap((item, index) =>
      !item.isMilestone && item.isCritical === isCritical
        ? [[index, dayMs(item.start), dayMs(item.finish) + DAY_MS]]
        : [],
    );
  const series = (name: string, color: string, isCritical: boolean) => ({
    // Literal style: the bar colour is the series colour (api.style is deprecated).
    type: 'custom' as const,
    name,
    itemStyle: { color },
    encode: { x: [1, 2], y: 0 },
    data: bar(isCritical),
    renderItem: (
      params: { coordSys: { x: number; y: number; width: number; height: number } },
      api: {
        value: (dimension: number) => number;
        coord: (point: number[]) => number[];
        size: (size: number[]) => number[];
      },
    ) => {
      const row = api.value(0);
      const [x0 = 0, y = 0] = api.coord([api.value(1), row]);
      const [x1 = 0] = api.coord([api.value(2), row]);
      const barHeight = (api.size([0, 1])[1] ?? 20) * 0.6;
      const shape = echarts.graphic.clipRectByRect(
        { x: x0, y: y - barHeight / 2, width: Math.max(2, x1 - x0), height: barHeight },
        params.coordSys,
      );
      return shape ? { type: 'rect', shape, style: { fill: color } } : null;
    },
  });
  return draw(
    {
      legend: { bottom: 4, data: [legend.task, legend.critical, legend.milestone] },
      grid: { left: 8, right: 24, top: 28, bottom: 34 },
      xAxis: {
        type: 'time',
        position: 'top',
        splitLine: { show: true, lineStyle: { color: '#eee' } },
        axisLabel: { fontSize: 11, hideOverlap: true, formatter: '{MM}-{dd}' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((item) => item.label),
        axisLabel: { fontSize: 11, width: 260, overflow: 'truncate' },
        axisTick: { show: false },
      },
      series: [
        series(legend.task, BLUE, false),
        series(legend.critical, RED, true),
        {
          type: 'scatter',
          name: legend.milestone,
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#fa8c16' },
          data: items.flatMap((item, index) =>
            item.isMilestone ? [[dayMs(item.finish) + DAY_MS / 2, index]] : [],
          ),
        },
      ],
    },
    width,
    height,
  );
}

/** Rows of the flow from the start step down, breadth first; a step met again (a loop back) keeps its first row. */
function flowLayers(nodes: FlowNode[], edges: { from: string; to: string }[]): Map<string, number> {
  const layer = new Map<string, number>();
  const queue = nodes.filter((node) => node.kind === 'start').map((node) => node.id);
  if (queue.length === 0 && nodes[0]) queue.push(nodes[0].id);
  for (const id of queue) layer.set(id, 0);
  for (let index = 0; index < queue.length; index += 1) {
    const id = queue[index] ?? '';
    for (const edge of edges) {
      if (edge.from !== id || layer.has(edge.to)) continue;
      layer.set(edge.to, (layer.get(id) ?? 0) + 1);
      queue.push(edge.to);
    }
  }
  let last = Math.max(0, ...layer.values());
  for (const node of nodes) if (!layer.has(node.id)) layer.set(node.id, (last += 1));
  return layer;
}

type Box = { x: number; y: number; halfWidth: number; halfHeight: number };

/**
 * How a node is drawn: a start or end that is a step of work (an owner or an SLA, such as 接单 that starts the
 * order flow) is a box like a task, in the start's green, so its owner and SLA fit; a bare one is a small circle.
 */
function shapeOf(node: FlowNode): FlowNode['kind'] {
  return (node.kind === 'start' || node.kind === 'end') && node.detail ? 'task' : node.kind;
}

const NODE_SIZE: Record<FlowNode['kind'], { halfWidth: number; halfHeight: number }> = {
  start: { halfWidth: 22, halfHeight: 22 },
  end: { halfWidth: 22, halfHeight: 22 },
  task: { halfWidth: 110, halfHeight: 28 },
  decision: { halfWidth: 105, halfHeight: 34 },
};

function arrowHead(tipX: number, tipY: number, fromX: number, fromY: number) {
  const angle = Math.atan2(tipY - fromY, tipX - fromX);
  const size = 8;
  const point = (offset: number) => [
    tipX - size * Math.cos(angle + offset),
    tipY - size * Math.sin(angle + offset),
  ];
  return {
    type: 'polygon',
    shape: { points: [[tipX, tipY], point(0.45), point(-0.45)] },
    style: { fill: GREY },
  };
}

/**
 * The flow drawn with plain shapes (ECharts' graph series cuts edges short around wide boxes): rows from the start
 * step down, a decision's branches side by side, a loop back drawn as a curve on the right.
 */
function flow(spec: Extract<ChartSpec, { type: 'flow' }>) {
  const layer = flowLayers(spec.nodes, spec.edges);
  const rows = new Map<number, string[]>();
  for (const node of spec.nodes) {
    const row = layer.get(node.id) ?? 0;
    rows.set(row, [...(rows.get(row) ?? []), node.id]);
  }
  const width = 760;
  const rowHeight = 100;
  const margin = { x: 130, y: 44 };
  const height = 2 * margin.y + Math.max(...rows.keys(), 0) * rowHeight;
  const boxes = new Map<string, Box>();
  for (const node of spec.nodes) {
    const row = layer.get(node.id) ?? 0;
    const members = rows.get(row) ?? [node.id];
    const slot = members.indexOf(node.id);
    const span = width - 2 * margin.x;
    boxes.set(node.id, {
      x: members.length === 1 ? width / 2 : margin.x + (slot * span) / (members.length - 1),
      y: margin.y + row * rowHeight,
      ...NODE_SIZE[shapeOf(node)],
    });
  }
  const elements: object[] = [];
  for (const edge of spec.edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) continue;
    let path: object;
    let tip: [number, number];
    let before: [number, number];
    let labelAt: [number, number];
    if (to.y > from.y) {
      const start: [number, number] = [from.x, from.y + from.halfHeight];
      tip = [to.x, to.y - to.halfHeight];
      before = start;
      path = { type: 'line', shape: { x1: start[0], y1: start[1], x2: tip[0], y2: tip[1] } };
      labelAt = [(start[0] + tip[0]) / 2, (start[1] + tip[1]) / 2];
    } else if (to.y === from.y) {
      const direction = to.x > from.x ? 1 : -1;
      const start: [number, number] = [from.x + direction * from.halfWidth, from.y];
      tip = [to.x - direction * to.halfWidth, to.y];
      before = start;
      path = { type: 'line', shape: { x1: start[0], y1: start[1], x2: tip[0], y2: tip[1] } };
      labelAt = [(start[0] + tip[0]) / 2, from.y - 10];
    } else {
      // A loop back goes round the right-hand side.
      const start: [number, number] = [from.x + from.halfWidth, from.y];
      tip = [to.x + to.halfWidth, to.y];
      const outside = Math.min(width - 6, Math.max(start[0], tip[0]) + 60);
      before = [outside, tip[1]];
      path = {
        type: 'bezierCurve',
        shape: {
          x1: start[0],
          y1: start[1],
          cpx1: outside,
          cpy1: start[1],
          cpx2: outside,
          cpy2: tip[1],
          x2: tip[0],
          y2: tip[1],
        },
      };
      labelAt = [outside - 10, (start[1] + tip[1]) / 2];
    }
    elements.push({ ...path, style: { stroke: GREY, lineWidth: 1.5, fill: 'none' } });
    elements.push(arrowHead(tip[0], tip[1], before[0], before[1]));
    if (edge.label) {
      elements.push({
        type: 'text',
        x: labelAt[0],
        y: labelAt[1],
        style: {
          text: edge.label,
          fontSize: 11,
          fontFamily: CHART_FONT,
          fill: '#595959',
          align: 'center',
          verticalAlign: 'middle',
          backgroundColor: '#ffffff',
          padding: [1, 3],
        },
      });
    }
  }
  for (const node of spec.nodes) {
    const box = boxes.get(node.id);
    if (!box) continue;
    const isEnd = node.kind === 'start' || node.kind === 'end';
    const shape = shapeOf(node);
    const style = {
      fill: node.isBottleneck ? '#fff1f0' : isEnd ? '#f6ffed' : '#e6f4ff',
      stroke: node.isBottleneck ? RED : isEnd ? '#52c41a' : BLUE,
      lineWidth: node.isBottleneck ? 2.5 : 1.5,
    };
    const { x, y, halfWidth, halfHeight } = box;
    elements.push(
      shape === 'task'
        ? {
            type: 'rect',
            shape: {
              x: x - halfWidth,
              y: y - halfHeight,
              width: 2 * halfWidth,
              height: 2 * halfHeight,
              r: 8,
            },
            style,
          }
        : shape === 'decision'
          ? {
              type: 'polygon',
              shape: {
                points: [
                  [x, y - halfHeight],
                  [x + halfWidth, y],
                  [x, y + halfHeight],
                  [x - halfWidth, y],
                ],
              },
              style,
            }
          : { type: 'circle', shape: { cx: x, cy: y, r: halfWidth }, style },
    );
    const text = (content: string, dy: number, size: number, color: string, weight: 'bold' | 'normal') => ({
      type: 'text',
      x,
      y: y + dy,
      style: {
        text: content,
        fontSize: size,
        fontWeight: weight,
        fontFamily: CHART_FONT,
        fill: color,
        align: 'center',
        verticalAlign: 'middle',
        width: 2 * halfWidth - 16,
        overflow: 'truncate',
      },
    });
    const nameColor = node.isBottleneck ? RED : '#1f1f1f';
    if (node.detail && shape !== 'start' && shape !== 'end') {
      elements.push(text(node.label, -8, 13, nameColor, 'bold'));
      elements.push(text(node.detail, 10, 10.5, '#595959', 'normal'));
    } else {
      elements.push(text(node.label, 0, isEnd ? 11 : 13, nameColor, 'bold'));
    }
  }
  return draw({ graphic: { elements } }, width, height);
}

function kpi(spec: Extract<ChartSpec, { type: 'kpi' }>) {
  const values = spec.points.map((point) => point.value);
  return draw(
    {
      legend: { top: 4, data: [spec.legend.actual, ...(spec.target === null ? [] : [spec.legend.target])] },
      grid: { left: 8, right: 56, top: 36, bottom: 8 },
      xAxis: {
        type: 'category',
        data: spec.points.map((point) => point.period),
        axisLabel: { fontSize: 10, hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        scale: true,
        name: spec.unit ?? '',
        // The target must be on the chart even when the values are far from it.
        min: spec.target === null ? undefined : Math.min(spec.target, ...values),
        max: spec.target === null ? undefined : Math.max(spec.target, ...values),
        axisLabel: { fontSize: 10 },
      },
      series: [
        {
          type: 'line',
          name: spec.legend.actual,
          data: values,
          showSymbol: values.length <= 30,
          lineStyle: { color: BLUE, width: 2 },
          itemStyle: { color: BLUE },
        },
        ...(spec.target === null
          ? []
          : [
              {
                type: 'line' as const,
                name: spec.legend.target,
                data: [],
                itemStyle: { color: RED },
                lineStyle: { color: RED, type: 'dashed' as const },
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: RED, type: 'dashed' as const, width: 1.5 },
                  label: { formatter: String(spec.target), color: RED },
                  data: [{ yAxis: spec.target }],
                },
              },
            ]),
      ],
    },
    720,
    300,
  );
}

/** One chart as SVG, drawn by ECharts on the server. */
export function renderChart(spec: ChartSpec): RenderedFigure {
  if (spec.type === 'timeline') return timeline(spec.items, spec.legend);
  if (spec.type === 'flow') return flow(spec);
  return kpi(spec);
}

/** Every figure of a document, keyed by its id: drawn once, written by each format the same way. */
export function renderFigures(document: PlanDocument): Map<string, RenderedFigure> {
  const figures = new Map<string, RenderedFigure>();
  for (const chapter of document.chapters) {
    for (const block of chapter.blocks)
      if (block.kind === 'figure') figures.set(block.id, renderChart(block.chart));
  }
  return figures;
}

let cjkFontFiles: string[] | null = null;

/** The Noto Sans CJK files fontconfig knows, found once; empty when fontconfig or the fonts are missing. */
function findCjkFontFiles(): string[] {
  if (cjkFontFiles) return cjkFontFiles;
  const files = new Set<string>();
  for (const pattern of ['Noto Sans CJK SC', 'Noto Sans CJK SC:bold']) {
    try {
      const file = execFileSync('fc-match', ['-f', '%{file}', pattern], {
        encoding: 'utf8',
        timeout: 5000,
      }).trim();
      if (/cjk/i.test(file) && existsSync(file)) files.add(file);
    } catch {
      // No fontconfig: resvg scans the system fonts itself below.
    }
  }
  cjkFontFiles = [...files];
  return cjkFontFiles;
}

const PNG_SCALE = 2;

/**
 * Every figure as PNG from one headless Chromium page (the engine that prints the PDF, so the pictures look the
 * same in every format): one browser, fonts through fontconfig once, each figure an element screenshot at
 * twice its size. The work is in Chromium's processes; this thread only awaits it.
 */
async function figuresToPngByChromium(
  figures: Map<string, RenderedFigure>,
  executablePath: string,
): Promise<Map<string, Buffer>> {
  const { chromium } = await import('playwright-core');
  const width = Math.max(...[...figures.values()].map((figure) => figure.width));
  const ids = [...figures.keys()];
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; background: #fff; }
div { display: block; overflow: hidden; background: #fff; }
svg { display: block; }
</style></head><body>${ids
    .map((id, index) => {
      const figure = figures.get(id) as RenderedFigure;
      return `<div id="f${index}" style="width:${figure.width}px;height:${figure.height}px">${figure.svg}</div>`;
    })
    .join('')}</body></html>`;
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 30_000 });
  try {
    const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: PNG_SCALE });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pngs = new Map<string, Buffer>();
    for (const [index, id] of ids.entries()) {
      pngs.set(id, await page.locator(`#f${index}`).screenshot({ type: 'png', timeout: 30_000 }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/**
 * Without a browser, resvg draws the figures on libuv's thread pool (renderAsync). resvg 2.6's font database
 * re-reads the whole CJK collection (20 MB) for every text it lays out, so this path is slow and each rendering
 * holds tens of MB: one figure at a time keeps the peak down.
 */
async function figuresToPngByResvg(figures: Map<string, RenderedFigure>): Promise<Map<string, Buffer>> {
  const fontFiles = findCjkFontFiles();
  const font =
    fontFiles.length > 0
      ? { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }
      : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
  const pngs = new Map<string, Buffer>();
  for (const [id, figure] of figures) {
    const image = await renderAsync(figure.svg, {
      fitTo: { mode: 'zoom', value: PNG_SCALE },
      background: '#ffffff',
      font,
    });
    pngs.set(id, image.asPng());
  }
  return pngs;
}

/**
 * Figures as PNG at twice their size, for formats that need raster (DOCX, XLSX), keyed by figure id: by Chromium
 * when there is one (`CHROMIUM_PATH` or /usr/bin/chromium), else by resvg. Neither holds up the event loop.
 */
export async function figuresToPng(
  figures: Map<string, RenderedFigure>,
  executablePath = chromiumPath(),
): Promise<Map<string, Buffer>> {
  if (figures.size === 0) return new Map();
  if (existsSync(executablePath)) return figuresToPngByChromium(figures, executablePath);
  return figuresToPngByResvg(figures);
}
