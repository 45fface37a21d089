/**
 * The ECharts option of the activity chart, from series the engine already
 * shaped: this file maps buckets to points and colors, it sums nothing.
 * It imports ECharts' types only, so it does not pull ECharts in.
 */
import type { Grouping, SeriesBucket } from '../../engine/series.js';
import type { Formatter } from '../../internal/format.js';
import type { ActivityChartOption, LineSeriesOption } from './echarts.js';

/** Which line a series is: the range itself, the previous period, or the other path (verify). */
export type LineKind = 'current' | 'previous' | 'other';

/** One line of the chart: a count of a bucket list, one bucket per x position. */
export interface ChartLine {
  kind: LineKind;
  measure: 'posts' | 'replies';
  /** The legend and table name (from the translations). */
  name: string;
  /** The name in the tooltip, where the previous period's lines stand under a heading with its dates. */
  tooltipName: string;
  /** As many as the chart's buckets; for `previous`, the previous period's dates at the same offsets. */
  buckets: readonly SeriesBucket[];
}

/** What the chart shows, ready to draw. */
export interface ChartModel {
  grouping: Grouping;
  /** The x axis: the current period's buckets. */
  buckets: readonly SeriesBucket[];
  lines: readonly ChartLine[];
  /**
   * Per bucket (as many as `buckets`), why it holds only part of its period
   * ("partial: 4 of 30 days", "partial: today so far"), or undefined for a whole one.
   */
  partialNotes: readonly (string | undefined)[];
  /** The accessible description, also given to ECharts' aria label. */
  description: string;
  /** Texts the chart draws besides the line names. */
  texts: ChartTexts;
}

/** The chart's own texts, from the translations. */
export interface ChartTexts {
  /** Legend name of the shading over partial periods. */
  partialPeriod: string;
  /** Tooltip heading of the previous period's lines: "Previous period: Aug 3 – Sep 1, 2026". */
  previousPeriodDates: (dates: string) => string;
  /** A bucket's dates with its partial note: "Dec 1 – 4, 2026 (partial: 4 of 31 days)". */
  withNote: (dates: string, note: string) => string;
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
export function bucketLabel(bucket: Pick<SeriesBucket, 'start' | 'end'>, format: Formatter): string {
  return bucket.start === bucket.end ? format.date(bucket.start) : format.range(bucket);
}

/** A bucket's dates, with its partial note when it holds only part of its period. */
export function bucketTitle(model: ChartModel, index: number, format: Formatter): string {
  const bucket = model.buckets[index];
  if (!bucket) return '';
  const note = model.partialNotes[index];
  return note === undefined ? bucketLabel(bucket, format) : model.texts.withNote(bucketLabel(bucket, format), note);
}

export function activityChartOption(model: ChartModel, theme: ChartTheme, format: Formatter, animation: boolean): ActivityChartOption {
  const textStyle = { color: theme.text, fontFamily: theme.font };
  const hasPartial = partialAreas(model).length > 0;
  return {
    animation,
    aria: { enabled: true, label: { enabled: true, description: model.description } },
    textStyle,
    // One line that pages when the names do not fit (narrow containers, six lines), so it never covers the plot.
    legend: {
      type: 'scroll',
      // The shading of partial periods is named by a square, the lines by their strokes.
      data: [...model.lines.map((line) => line.name), ...(hasPartial ? [{ name: model.texts.partialPeriod, icon: 'rect' }] : [])],
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
    series: [...model.lines.map((line) => lineSeries(line, model, theme)), ...partialSeries(model, theme)],
  };
}

/** One line of counts: solid for the range, dashed for the previous period, dotted for the other path. */
function lineSeries(line: ChartLine, model: ChartModel, theme: ChartTheme): LineSeriesOption {
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
}

/**
 * A series that draws no line, only a shading over the partial periods
 * (markArea), so the legend names it and a reader sees at once that the
 * drop into a clipped first or last bucket, or into today, is not a real one.
 * The numbers stay exact: nothing is extrapolated.
 */
function partialSeries(model: ChartModel, theme: ChartTheme): LineSeriesOption[] {
  const areas = partialAreas(model);
  if (areas.length === 0) return [];
  const shade = { color: theme.muted, opacity: 0.16 };
  return [
    {
      type: 'line' as const,
      name: model.texts.partialPeriod,
      data: [],
      color: theme.muted,
      itemStyle: shade,
      lineStyle: { opacity: 0 },
      showSymbol: false,
      tooltip: { show: false },
      markArea: { silent: true, itemStyle: shade, data: areas },
    },
  ];
}

/**
 * The x spans to shade: the segment that leads into a partial bucket (from
 * the bucket before it), or out of a partial first bucket, so the line's
 * fall or rise there sits on grey. One bucket alone has no segment and no
 * drop to misread: its tooltip and table row still say it is partial.
 */
function partialAreas(model: ChartModel): [{ xAxis: string }, { xAxis: string }][] {
  if (model.buckets.length < 2) return [];
  const spans = new Map<string, [number, number]>();
  model.partialNotes.forEach((note, i) => {
    if (note === undefined) return;
    const span: [number, number] = i === 0 ? [0, 1] : [i - 1, i];
    spans.set(span.join(), span);
  });
  return [...spans.values()].map(([from, to]) => [{ xAxis: model.buckets[from]!.start }, { xAxis: model.buckets[to]!.start }]);
}

function axisLabel(start: string, grouping: Grouping, format: Formatter): string {
  return grouping === 'month' ? format.month(start) : format.shortDate(start);
}

/**
 * The tooltip of one x position: its dates (with the partial note), one row
 * per line with its count, and the previous period's lines under a heading
 * with their own dates ("Previous period: Aug 3 – Sep 1, 2026").
 */
function tooltipContent(params: readonly { seriesIndex?: number; dataIndex: number; color?: unknown }[], model: ChartModel, format: Formatter): HTMLElement {
  const box = document.createElement('div');
  const first = params[0];
  if (first && model.buckets[first.dataIndex]) {
    const title = box.appendChild(document.createElement('div'));
    title.style.fontWeight = '600';
    title.textContent = bucketTitle(model, first.dataIndex, format);
  }
  const rows = params.flatMap((param) => {
    const line = model.lines[param.seriesIndex ?? -1];
    const point = line?.buckets[param.dataIndex];
    return line && point ? [{ line, point, color: param.color }] : [];
  });
  // The previous period last, under its heading, so no other line reads as part of it.
  const previous = rows.filter((row) => row.line.kind === 'previous');
  for (const row of rows.filter((row) => row.line.kind !== 'previous')) appendRow(box, row, format);
  if (previous[0]) {
    const heading = box.appendChild(document.createElement('div'));
    heading.style.marginTop = '4px';
    heading.textContent = model.texts.previousPeriodDates(bucketLabel(previous[0].point, format));
    for (const row of previous) appendRow(box, row, format);
  }
  return box;
}

function appendRow(box: HTMLElement, { line, point, color }: { line: ChartLine; point: SeriesBucket; color?: unknown }, format: Formatter): void {
  const row = box.appendChild(document.createElement('div'));
  const marker = row.appendChild(document.createElement('span'));
  marker.setAttribute('aria-hidden', 'true');
  Object.assign(marker.style, {
    display: 'inline-block',
    width: '10px',
    height: '0',
    marginInlineEnd: '6px',
    verticalAlign: 'middle',
    borderTop: `2px ${LINE_TYPES[line.kind]} ${typeof color === 'string' ? color : 'currentColor'}`,
  });
  row.append(`${line.tooltipName}: ${format.count(point[line.measure])}`);
}
