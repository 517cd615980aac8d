import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types used, so the reports chunk stays small; the canvas renderer needs no inline styles (CSP).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  /** null: not started, withheld or no denominator — a gap in the chart. */
  data: Array<number | null>;
}

/** Digital Agency palette colours with enough contrast against white. */
const COLOURS = ['#0031d8', '#ec0000', '#197a4b', '#8843e1', '#b78f00', '#00118f'];

/**
 * One chart. Screen readers get the summary as the image's name; the numbers are in the data table beside it
 * (ChartPanel). Tooltips are drawn on the canvas (renderMode richText): ECharts' HTML tooltips carry inline styles.
 */
export function Chart({
  categories,
  series,
  summary,
  horizontal = false,
}: {
  categories: string[];
  series: Series[];
  summary: string;
  horizontal?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const element = ref.current;
    let chart: echarts.ECharts | undefined;
    let disposed = false;
    // Canvas text does not make the browser fetch the web font's subsets (unicode-range): load the glyphs first.
    const text = [...categories, ...series.map((s) => s.name), '0123456789'].join('');
    void Promise.race([document.fonts.load(`12px "Noto Sans JP"`, text), new Promise((r) => setTimeout(r, 2000))])
      .catch(() => undefined)
      .then(() => {
        if (!disposed) chart = draw(element);
      });
    const draw = (target: HTMLDivElement) => {
      const chart = echarts.init(target, undefined, { renderer: 'canvas' });
      const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, fontSize: 12 } };
      const valueAxis = { type: 'value' as const, minInterval: 1 };
      chart.setOption({
        animation: false,
        color: COLOURS,
        textStyle: { fontFamily: 'Noto Sans JP, sans-serif' },
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        legend: { top: 0, show: series.length > 1 },
        grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({ name: s.name, type: s.kind, data: s.data, connectNulls: false, barMaxWidth: 32 })),
      });
      return chart;
    };
    const resize = () => chart?.resize();
    // print layout (columns of A4) and back: redraw at the new size; the print CSS also scales the canvas down
    const print = window.matchMedia('print');
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    print.addEventListener('change', resize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      print.removeEventListener('change', resize);
      chart?.dispose();
    };
  }, [categories, series, horizontal]);
  return <div ref={ref} className="chart" role="img" aria-label={summary} />;
}
