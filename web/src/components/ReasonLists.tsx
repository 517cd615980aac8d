/**
 * Why a result is shown: 「合う理由」 (what fits the person) and, only when there is one, 「注意」 (what works against
 * their constraints: days, hours, travel, load, a full place). The API keeps the two apart (SearchResultView.cautions),
 * so a far place is never listed as a reason to go there.
 */
export function ReasonLists({ reasons, cautions, idPrefix }: { reasons: string[]; cautions: string[]; idPrefix: string }) {
  return (
    <>
      <p className="field__label" id={`${idPrefix}-reasons`}>
        合う理由
      </p>
      <ul className="chips" aria-labelledby={`${idPrefix}-reasons`}>
        {reasons.length === 0 && <li className="chip chip--muted">目立った理由はありません</li>}
        {reasons.map((reason) => (
          <li key={reason} className="chip">
            {reason}
          </li>
        ))}
      </ul>
      {cautions.length > 0 && (
        <>
          <p className="field__label" id={`${idPrefix}-cautions`}>
            注意
          </p>
          <ul className="chips" aria-labelledby={`${idPrefix}-cautions`}>
            {cautions.map((caution) => (
              <li key={caution} className="chip chip--caution">
                {caution}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
