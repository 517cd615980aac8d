import { useId, useMemo, useState } from 'react';
import { Chart, type Series } from './Chart';
import { display, numeric, type CellValue } from './report-data';

/** What a figure's number opens (drill-down); undefined = a plain number. */
export interface DrillTarget {
  month: string;
  key: string;
  area?: string;
  type?: string;
  title: string;
}

export interface Column {
  name: string;
  kind: 'bar' | 'line';
  cells: CellValue[];
  rate?: boolean;
  drill?: (row: number) => DrillTarget | undefined;
}

export interface TableModel {
  rowHeader: string;
  rows: string[];
  columns: Column[];
}

/** A number in a table: a button that lists the records behind it, when the person may see them. */
export function FigureNumber({
  value,
  rate,
  target,
  onDrill,
}: {
  value: CellValue;
  rate?: boolean;
  target?: DrillTarget;
  onDrill?: (t: DrillTarget) => void;
}) {
  const text = display(value, rate);
  if (!target || !onDrill || typeof value !== 'number' || value === 0) return <>{text}</>;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => onDrill(target)}
      aria-label={`${target.title}：${text}（内訳の記録を見る）`}
    >
      {text}
    </button>
  );
}

/**
 * A chart and the same numbers as a table (a toggle; the table is what screen readers and the print use when
 * chosen). Both come from one table model, so they cannot disagree.
 */
export function ChartPanel({
  title,
  description,
  model,
  horizontal,
  onDrill,
  note,
}: {
  title: string;
  description?: string;
  model: TableModel;
  horizontal?: boolean;
  onDrill?: (t: DrillTarget) => void;
  note?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const series: Series[] = useMemo(() => model.columns.map((c) => ({ name: c.name, kind: c.kind, data: c.cells.map(numeric) })), [model]);
  const empty = model.rows.length === 0;
  const summary = `${title}。${model.columns.map((c) => c.name).join('・')}（${model.rows.length}項目）。数値は「表で見る」で確認できます。`;
  return (
    <section className="report-panel" aria-labelledby={headingId}>
      <div className="report-panel__head">
        <h3 id={headingId}>{title}</h3>
        {!empty && (
          <button
            type="button"
            className="button button--secondary button--small no-print"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? 'グラフで見る' : '表で見る'}
          </button>
        )}
      </div>
      {description && <p className="report-panel__description">{description}</p>}
      {empty ? (
        <p>この期間の記録はありません。</p>
      ) : asTable ? (
        <div className="table-wrap">
          <table className="report-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{model.rowHeader}</th>
                {model.columns.map((c) => (
                  <th scope="col" key={c.name}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row, i) => (
                <tr key={row}>
                  <th scope="row">{row}</th>
                  {model.columns.map((c) => (
                    <td key={c.name} className="num">
                      <FigureNumber value={c.cells[i]} rate={c.rate} target={c.drill?.(i)} onDrill={onDrill} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Chart categories={model.rows} series={series} summary={summary} horizontal={horizontal} />
      )}
      {note && <p className="report-panel__note">{note}</p>}
    </section>
  );
}
