/**
 * The ECharts option of the activity chart, from series the engine already
 * shaped: this file maps buckets to points and colors, it sums nothing.
 * It imports ECharts' types only, so it does not pull ECharts in.
 */
import type { Grouping, SeriesBucket } from '../../engine/series.js';
import type { Formatter } from '../../internal/format.js';
import type { ActivityChartOption } from './echarts.js';

/** Which line a series is: the range itself, the previous period, or the other path (verify). */
export type LineKind = 'current' | 'previous' | 'other';

/** One line of the chart: a count of a bucket list, one bucket per x position. */
export interface ChartLine {
  kind: LineKind;
  measure: 'posts' | 'replies';
  /** The legend and tooltip name (from the translations). */
  name: string;
  /** As many as the chart's buckets; for `previous`, the previous period's dates at the same offsets. */
  buckets: readonly SeriesBucket[];
}

/** What the chart shows, ready to draw. */
export interface ChartModel {
  grouping: Grouping;
  /** The x axis: the current period's buckets. */
  buckets: readonly SeriesBucket[];
  lines: readonly ChartLine[];
  /** The accessible description, also given to ECharts' aria label. */
  description: string;
}

/** Colors and font read from the element's computed custom properties. */
export interface ChartTheme {
  posts: string;
  replies: string;
  text: string;
  muted: string;
  border: string;
  surface: string;
  font: string;
}

const LINE_TYPES: Record<LineKind, 'solid' | 'dashed' | 'dotted'> = { current: 'solid', previous: 'dashed', other: 'dotted' };

/** The dates of a bucket as a reader says them: one day, a month, or a span. */
export function bucketLabel(bucket: SeriesBucket, format: Formatter): string {
  return bucket.start === bucket.end ? format.date(bucket.start) : format.range(bucket);
}

export function activityChartOption(model: ChartModel, theme: ChartTheme, format: Formatter, animation: boolean): ActivityChartOption {
  const textStyle = { color: theme.text, fontFamily: theme.font };
  return {
    animation,
    aria: { enabled: true, label: { enabled: true, description: model.description } },
    textStyle,
    // One line that pages when the names do not fit (narrow containers, six lines), so it never covers the plot.
    legend: {
      type: 'scroll',
      top: 0,
      left: 0,
      right: 0,
      textStyle,
      inactiveColor: theme.muted,
      itemGap: 16,
      pageIconColor: theme.text,
      pageIconInactiveColor: theme.border,
      pageTextStyle: { color: theme.muted, fontFamily: theme.font },
    },
    // Axis labels stay inside the chart's box, whatever their length in the locale.
    grid: { top: 40, left: 8, right: 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: model.buckets.map((bucket) => bucket.start),
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.muted, fontFamily: theme.font, hideOverlap: true, formatter: (start: string) => axisLabel(start, model.grouping, format) },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: theme.muted, fontFamily: theme.font, formatter: (value: number) => format.count(value) },
      splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle,
      // Built from text nodes, never HTML strings: nothing in a tooltip can become markup.
      formatter: (params) => tooltipContent(Array.isArray(params) ? params : [params], model, format),
    },
    series: model.lines.map((line) => {
      const color = line.measure === 'posts' ? theme.posts : theme.replies;
      return {
        type: 'line' as const,
        name: line.name,
        data: line.buckets.map((bucket) => bucket[line.measure]),
        color,
        showSymbol: model.buckets.length <= 1,
        symbolSize: 6,
        lineStyle: { color, type: LINE_TYPES[line.kind], width: line.kind === 'current' ? 2 : 1.5 },
        emphasis: { focus: 'series' as const },
      };
    }),
  };
}

function axisLabel(start: string, grouping: Grouping, format: Formatter): string {
  return grouping === 'month' ? format.month(start) : format.shortDate(start);
}

/** The tooltip of one x position: its dates, then one line per series with its count (and, for the previous period, its dates). */
function tooltipContent(params: readonly { seriesIndex?: number; dataIndex: number; color?: unknown }[], model: ChartModel, format: Formatter): HTMLElement {
  const box = document.createElement('div');
  const first = params[0];
  const bucket = first ? model.buckets[first.dataIndex] : undefined;
  if (bucket) {
    const title = box.appendChild(document.createElement('div'));
    title.style.fontWeight = '600';
    title.textContent = bucketLabel(bucket, format);
  }
  for (const param of params) {
    const line = model.lines[param.seriesIndex ?? -1];
    const point = line?.buckets[param.dataIndex];
    if (!line || !point) continue;
    const row = box.appendChild(document.createElement('div'));
    const marker = row.appendChild(document.createElement('span'));
    marker.setAttribute('aria-hidden', 'true');
    Object.assign(marker.style, {
      display: 'inline-block',
      width: '10px',
      height: '0',
      marginInlineEnd: '6px',
      verticalAlign: 'middle',
      borderTop: `2px ${LINE_TYPES[line.kind]} ${typeof param.color === 'string' ? param.color : 'currentColor'}`,
    });
    const dates = line.kind === 'previous' ? ` (${bucketLabel(point, format)})` : '';
    row.append(`${line.name}${dates}: ${format.count(point[line.measure])}`);
  }
  return box;
}
