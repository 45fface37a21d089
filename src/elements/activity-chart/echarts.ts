/**
 * The only module that imports ECharts: the pieces the activity chart uses
 * and nothing else, so a bundler keeps the rest of the library out. The
 * element loads this module with `import()` the first time it draws, so a
 * page that never shows the chart never downloads ECharts.
 *
 * The SVG renderer draws crisp lines at any zoom, leaves text as text a test
 * can read, and needs no `unsafe-eval`.
 */
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { getInstanceByDom, init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// MarkArea shades the partial periods (a clipped first or last bucket, today).
use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, AriaComponent, SVGRenderer]);

/** The options the activity chart may set: a line chart with grid, tooltip, legend, mark areas and aria. */
export type ActivityChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

export type { EChartsType, LineSeriesOption };

/** A chart drawn as SVG into `container`. */
export function createChart(container: HTMLElement): EChartsType {
  return init(container, undefined, { renderer: 'svg' });
}

export { getInstanceByDom };
