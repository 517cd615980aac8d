import type { paths } from '../../api/schema';

const TEMPLATE: keyof paths = '/api/v1/catalogue/template';
const EXPORT: keyof paths = '/api/v1/catalogue/export';

/** The template to fill in, and the whole catalogue in the same columns (to edit in Excel and bring back). */
export function FileLinks() {
  return (
    <section className="panel" aria-labelledby="import-files-title">
      <h2 id="import-files-title">テンプレートと書き出し</h2>
      <p>この画面の列（見出し）に合わせたテンプレートです。書き出したファイルを Excel で直して取り込むと、直した行だけが更新になります。</p>
      <ul className="import-links">
        <li>
          テンプレート：<a href={`${TEMPLATE}?format=xlsx`}>Excel（.xlsx）</a>・<a href={`${TEMPLATE}?format=csv`}>CSV</a>
        </li>
        <li>
          いまの資源一覧の書き出し：<a href={`${EXPORT}?format=xlsx`}>Excel（.xlsx）</a>・<a href={`${EXPORT}?format=csv`}>CSV</a>
        </li>
      </ul>
    </section>
  );
}
