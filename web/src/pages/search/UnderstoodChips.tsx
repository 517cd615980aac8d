import type { components } from '../../api/schema';

type Understood = components['schemas']['UnderstoodView'];
export type Ignore = { field: Understood['field']; value: Understood['value'] };

/** One chip: the values one phrase gave for one field (「平日」 → 月〜金 is one chip, removed at once). */
type Chip = { key: string; phrase: string; label: string; applied: boolean; items: Ignore[] };

function chipsOf(items: Understood[]): Chip[] {
  const chips = new Map<string, Chip>();
  for (const u of items) {
    const key = `${u.field}|${u.phrase}|${u.applied}`;
    const chip = chips.get(key);
    // labels read 「参加できる曜日: 月曜」: one field name, the values joined
    if (chip) chip.label += `・${u.label.slice(u.label.indexOf(': ') + 2)}`;
    else chips.set(key, { key, phrase: u.phrase, label: u.label, applied: u.applied, items: [] });
    chips.get(key)!.items.push({ field: u.field, value: u.value });
  }
  return [...chips.values()];
}

/**
 * 「読み取った条件」: what the service read out of the needs text (docs/matching.md 「希望文の読み取り」), as chips.
 * Each can be removed; the search runs again without it (`ignore`). The values one phrase gave for one field are one chip. Read conditions are soft: they change the
 * order, never exclude a resource.
 */
export function UnderstoodChips({
  items,
  removed,
  busy,
  onRemove,
  onRestore,
}: {
  items: Understood[];
  removed: number;
  busy: boolean;
  onRemove: (items: Ignore[]) => void;
  onRestore: () => void;
}) {
  if (!items.length && !removed) return null;
  return (
    <section className="section understood" aria-labelledby="understood-title">
      <h2 id="understood-title" className="field__label">
        読み取った条件
      </h2>
      <p className="field__hint">希望の文章から読み取り、順位に反映しました（合わない資源も除外はしません）。違うものは「×」で外せます。</p>
      {items.length > 0 && (
        <ul className="chips">
          {chipsOf(items).map((u) => (
            <li key={u.key} className={u.applied ? 'chip' : 'chip chip--muted'}>
              <span>
                「{u.phrase}」→ {u.label}
                {!u.applied && '（入力された条件を優先）'}
              </span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`「${u.phrase}」（${u.label}）を外す`}
                disabled={busy}
                onClick={() => onRemove(u.items)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {removed > 0 && (
        <button type="button" className="button" disabled={busy} onClick={onRestore}>
          外した条件を戻す（{removed} 件）
        </button>
      )}
    </section>
  );
}
