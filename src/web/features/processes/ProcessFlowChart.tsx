import { useEffect, useMemo, useRef, useState } from 'react';
import { Flex, Typography } from 'antd';
import type { GraphSeriesOption } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS } from '../../components/charts/axes.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { layoutFlow } from './flowLayout.ts';
import { useHours, type ProcessStep, type StepMetrics } from './hooks.ts';

type GraphNode = NonNullable<GraphSeriesOption['data']>[number];
type GraphLink = NonNullable<GraphSeriesOption['links']>[number];

const WIDE_NODE = 172;
const NARROW_NODE = 124;
/** Below this width a step's times take two lines. */
const COMPACT_BELOW = 164;
const END_SIZE = 40;
const MARGIN = 12;
const BACK_EDGE_CURVENESS = 0.8;

/**
 * A rounded box drawn inside a square symbol of the box's width: ECharts stops a line's arrow at half the
 * symbol size from the centre, so with a square of the width the arrow meets the box's side instead of
 * hiding under it (for a [width, height] size it would stop at the average of the two).
 */
function boxSymbol(width: number, height: number): string {
  return `path://M8,0H${width - 8}A8,8,0,0,1,${width},8V${height - 8}A8,8,0,0,1,${width - 8},${height}H8A8,8,0,0,1,0,${
    height - 8
  }V8A8,8,0,0,1,8,0Z`;
}

/**
 * The widest box that lets every column fit the card, between NARROW_NODE and WIDE_NODE; a flow too long
 * even then scrolls sideways. A last column holding only the end circle needs just the circle's room.
 */
function fitNodeWidth(available: number, layers: number, spacing: number, isLastSmall: boolean): number {
  if (available <= 0 || layers <= 1) return WIDE_NODE;
  const room = available - 2 * MARGIN - (layers - 1) * spacing - (isLastSmall ? END_SIZE / 2 : 0);
  const width = Math.floor(room / (isLastSmall ? layers - 0.5 : layers));
  return Math.max(NARROW_NODE, Math.min(WIDE_NODE, width));
}

/** Share of lead time → fill: the more of the case's time a step takes, the warmer. */
const SHARE_SCALE = [
  { from: 0, color: '#f0f5ff' },
  { from: 0.1, color: '#fff7e6' },
  { from: 0.25, color: '#ffd591' },
  { from: 0.4, color: '#ffa39e' },
] as const;

function shareColor(share: number | null): string {
  if (share === null) return '#fafafa';
  let color: string = SHARE_SCALE[0].color;
  for (const band of SHARE_SCALE) if (share >= band.from) color = band.color;
  return color;
}

/** ECharts rich text treats braces and bars as markup. */
function plain(text: string): string {
  return text.replace(/[{}|]/g, ' ');
}

/**
 * The analysed version's steps as a diagram, left to right, with the measured times on each step: median
 * waiting and working, SLA breaches, a fill by share of lead time and the bottleneck outlined in red.
 */
export function ProcessFlowChart({
  flow,
  steps,
  bottleneckKey,
}: {
  flow: readonly ProcessStep[];
  steps: readonly StepMetrics[];
  bottleneckKey: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const hours = useHours();
  const outerRef = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  useEffect(() => {
    const outer = outerRef.current;
    if (!outer) return;
    const observer = new ResizeObserver(([entry]) => setAvailable(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(outer);
    return () => observer.disconnect();
  }, []);

  const ends = useMemo(
    () => new Set(flow.filter((step) => step.kind === 'end').map((step) => step.key)),
    [flow],
  );
  // Lines that carry an outcome label need room for it between the boxes.
  const spacing = flow.some((step) => step.outcomes.length >= 2) ? 56 : 40;
  const columns = useMemo(() => layoutFlow(flow), [flow]);
  const lastLayer = columns.layerCount - 1;
  const isLastSmall = columns.nodes.every((node) => node.layer !== lastLayer || ends.has(node.key));
  const nodeWidth = fitNodeWidth(available, columns.layerCount, spacing, isLastSmall);
  const isCompact = nodeWidth < COMPACT_BELOW;
  const nodeHeight = isCompact ? 88 : 72;
  const rowGap = nodeHeight + 32;
  const layout = useMemo(
    () => layoutFlow(flow, { columnGap: nodeWidth + spacing, rowGap }),
    [flow, nodeWidth, spacing, rowGap],
  );
  // Node centres are laid out in pixels; the axes span them plus half a node and a margin on each side, so
  // the drawing keeps its proportions however wide the card is.
  const extent = useMemo(() => {
    const sides = layout.nodes.map((node) => {
      const [width, height] = ends.has(node.key) ? [END_SIZE, END_SIZE] : [nodeWidth, nodeHeight];
      return {
        left: node.x - width / 2,
        right: node.x + width / 2,
        top: node.y - height / 2,
        bottom: node.y + height / 2,
      };
    });
    // A loop back bows below its row by about a quarter of its length times the curveness.
    const byKey = new Map(layout.nodes.map((node) => [node.key, node]));
    const bow = Math.max(
      0,
      ...layout.edges
        .filter((edge) => edge.isBackEdge)
        .map((edge) => {
          const source = byKey.get(edge.source);
          const target = byKey.get(edge.target);
          if (!source || !target) return 0;
          return (
            Math.max(source.y, target.y) + (Math.abs(source.x - target.x) * BACK_EDGE_CURVENESS) / 2 + 14
          );
        }),
    );
    return {
      minX: Math.min(0, ...sides.map((side) => side.left)) - MARGIN,
      maxX: Math.max(0, ...sides.map((side) => side.right)) + MARGIN,
      minY: Math.min(0, ...sides.map((side) => side.top)) - MARGIN,
      maxY: Math.max(bow, ...sides.map((side) => side.bottom)) + MARGIN,
    };
  }, [layout, ends, nodeWidth, nodeHeight]);
  const height = extent.maxY - extent.minY;
  const minWidth = extent.maxX - extent.minX;

  const option = useMemo<ChartOption>(() => {
    const metrics = new Map(steps.map((step) => [step.stepKey, step]));
    const byKey = new Map(flow.map((step) => [step.key, step]));
    const describe = (key: string): string[] => {
      const measured = metrics.get(key);
      if (!measured || measured.count === 0) return [`{muted|${plain(t('analytics.flowNoCases'))}}`];
      const waiting = hours(measured.waiting.medianMs);
      const working = hours(measured.working.medianMs);
      const lines = isCompact
        ? [
            `{meta|${plain(t('analytics.flowWaiting', { hours: waiting }))}}`,
            `{meta|${plain(t('analytics.flowWorking', { hours: working }))}}`,
          ]
        : [`{meta|${plain(t('analytics.flowTimes', { waiting, working }))}}`];
      if (measured.breachRate !== null) {
        const text = plain(t('analytics.flowBreach', { rate: format.percent(measured.breachRate) }));
        lines.push(measured.breached > 0 ? `{late|${text}}` : `{meta|${text}}`);
      }
      return lines;
    };

    const nodes: GraphNode[] = layout.nodes.map((node) => {
      const step = byKey.get(node.key);
      const name = step?.name ?? node.key;
      const measured = metrics.get(node.key);
      const isEnd = step?.kind === 'end';
      const isBottleneck = node.key === bottleneckKey;
      if (isEnd) {
        return {
          id: node.key,
          name,
          value: [node.x, node.y],
          symbol: 'circle',
          symbolSize: END_SIZE,
          itemStyle: { color: '#f5f5f5', borderColor: '#bfbfbf', borderWidth: 1 },
          label: { show: true, position: 'inside', fontSize: 11, color: '#595959', formatter: plain(name) },
          tooltip: { show: false },
        };
      }
      return {
        id: node.key,
        name,
        value: [node.x, node.y],
        symbol: boxSymbol(nodeWidth, nodeHeight),
        symbolSize: nodeWidth,
        symbolKeepAspect: true,
        itemStyle: {
          color: shareColor(measured?.leadTimeShare ?? null),
          borderColor: isBottleneck ? CHART_COLORS.red : '#adc6ff',
          borderWidth: isBottleneck ? 3 : 1,
        },
        label: {
          show: true,
          position: 'inside',
          width: nodeWidth - 16,
          overflow: 'truncate',
          lineHeight: 17,
          formatter: [`{name|${plain(name)}}`, ...describe(node.key)].join('\n'),
          rich: {
            name: { fontSize: 13, fontWeight: 600, color: '#1f1f1f', lineHeight: 20 },
            meta: { fontSize: 11, color: '#434343' },
            late: { fontSize: 11, color: '#cf1322', fontWeight: 600 },
            muted: { fontSize: 11, color: '#8c8c8c' },
          },
        },
      };
    });

    const links: GraphLink[] = layout.edges.map((edge) => ({
      source: edge.source,
      target: edge.target,
      lineStyle: edge.isBackEdge
        ? { curveness: BACK_EDGE_CURVENESS, type: 'dashed', color: '#8c8c8c' }
        : { curveness: 0, color: '#8c8c8c' },
      label: edge.label
        ? {
            show: true,
            formatter: plain(edge.label),
            fontSize: 11,
            color: '#595959',
            backgroundColor: '#ffffff',
            padding: [1, 3],
          }
        : { show: false },
    }));

    const tooltipFor = (key: string): string => {
      const measured = metrics.get(key);
      const name = byKey.get(key)?.name ?? key;
      const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
      if (!measured) return `<b>${escape(name)}</b>`;
      const rows = [
        t('analytics.flowTooltipWaiting', {
          median: hours(measured.waiting.medianMs),
          p90: hours(measured.waiting.p90Ms),
        }),
        t('analytics.flowTooltipWorking', {
          median: hours(measured.working.medianMs),
          p90: hours(measured.working.p90Ms),
        }),
        `${t('analytics.breachRate')}: ${measured.breachRate === null ? '—' : format.percent(measured.breachRate)}`,
        `${t('analytics.leadShare')}: ${measured.leadTimeShare === null ? '—' : format.percent(measured.leadTimeShare)}`,
        `${t('analytics.queued')}: ${measured.queued}`,
      ];
      return [`<b>${escape(name)}</b>`, ...rows.map(escape)].join('<br/>');
    };

    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const item = params as { dataType?: string; data?: { id?: string } };
          return item.dataType === 'node' && item.data?.id ? tooltipFor(item.data.id) : '';
        },
      },
      grid: { left: 0, right: 0, top: 0, bottom: 0 },
      xAxis: { type: 'value', show: false, min: extent.minX, max: extent.maxX },
      yAxis: { type: 'value', show: false, min: extent.minY, max: extent.maxY, inverse: true },
      series: [
        {
          type: 'graph',
          layout: 'none',
          coordinateSystem: 'cartesian2d',
          roam: false,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: [0, 8],
          emphasis: { scale: false, focus: 'none' },
          data: nodes,
          links,
        },
      ],
    };
  }, [layout, extent, flow, steps, bottleneckKey, t, format, hours, isCompact, nodeWidth, nodeHeight]);

  return (
    <Flex vertical gap={8}>
      <div ref={outerRef} style={{ overflowX: 'auto' }}>
        <EChart
          option={option}
          height={height}
          minWidth={minWidth}
          testId="flow-chart"
          ariaLabel={t('analytics.flow')}
        />
      </div>
      <Flex gap={16} wrap align="center" style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('analytics.flowShareLegend')}
        </Typography.Text>
        {SHARE_SCALE.map((band, index) => {
          const next = SHARE_SCALE[index + 1];
          return (
            <Flex key={band.from} gap={4} align="center">
              <span
                style={{
                  display: 'inline-block',
                  width: 14,
                  height: 10,
                  background: band.color,
                  border: '1px solid #d9d9d9',
                }}
              />
              <Typography.Text style={{ fontSize: 12 }}>
                {next
                  ? `${format.percent(band.from)}–${format.percent(next.from)}`
                  : `≥${format.percent(band.from)}`}
              </Typography.Text>
            </Flex>
          );
        })}
        <Flex gap={4} align="center">
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 10,
              border: `2px solid ${CHART_COLORS.red}`,
            }}
          />
          <Typography.Text style={{ fontSize: 12 }}>{t('analytics.flowBottleneckLegend')}</Typography.Text>
        </Flex>
      </Flex>
    </Flex>
  );
}
