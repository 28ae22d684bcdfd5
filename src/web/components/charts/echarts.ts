import * as echarts from 'echarts/core';
import {
  BarChart,
  GraphChart,
  LineChart,
  type BarSeriesOption,
  type GraphSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type MarkPointComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the goal, KPI and process charts draw (lines, bars, the flow diagram's graph), registered once for the whole app (the full build is ≈210 KB
// gzip more). This module is imported only by lazy pages, so it stays out of the first screen's bundle.
echarts.use([
  LineChart,
  BarChart,
  GraphChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GraphSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | MarkPointComponentOption
>;

export { echarts };
