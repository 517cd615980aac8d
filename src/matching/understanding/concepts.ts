import { normalizeJapanese } from '../../common/japanese/normalize';
import { CONCEPTS } from '../../common/concepts';
import type { Understood } from './vocabulary';

/** The spans of a needs text (normalised) that refuse something, by how (signal-text.ts refusedSpans). */
export interface RefusalSpans {
  /** Avoided or set aside: 避けたい, 嫌, ダメ, 〜ではなく. */
  avoided: ReadonlyArray<readonly [number, number]>;
  /** Hard for the person: 苦手, 無理, できない, 自信がない. */
  difficult: ReadonlyArray<readonly [number, number]>;
  /** Not needed: 〜なくてもいい, 不要 (「給料が出なくてもいい」 wants no work and refuses none). */
  unneeded: ReadonlyArray<readonly [number, number]>;
}

/**
 * The concepts a needs text names, as understood entries: `concept` (wanted, or a strength) and `avoidConcept` (named
 * inside a phrase of avoidance or difficulty). A concept named in a phrase of no need, or a learnable one named as a
 * difficulty, gives nothing; one both wanted and avoided (「子どもは苦手だが子ども食堂の調理なら」) gives nothing either —
 * the other signals decide. The first mention of each concept is its phrase, in the coordinator's characters when
 * normalisation kept the length.
 */
export function readConcepts(text: string, refusals: RefusalSpans): Understood[] {
  const normalised = normalizeJapanese(text);
  const source = normalised.length === text.length ? text : normalised;
  const within = (spans: ReadonlyArray<readonly [number, number]>, at: number) => spans.some(([s, e]) => at >= s && at < e);
  const wanted = new Map<string, string>();
  const avoided = new Map<string, string>();
  for (const concept of CONCEPTS) {
    for (const m of normalised.matchAll(new RegExp(concept.needs.source, 'gu'))) {
      const phrase = source.slice(m.index, m.index + m[0].length);
      if (within(refusals.unneeded, m.index)) continue;
      const avoid = within(refusals.avoided, m.index);
      const difficult = within(refusals.difficult, m.index);
      if (difficult && !avoid && concept.learnable) continue;
      const into = avoid || difficult ? avoided : wanted;
      if (!into.has(concept.code)) into.set(concept.code, phrase);
    }
  }
  const out: Understood[] = [];
  for (const [code, phrase] of wanted) if (!avoided.has(code)) out.push({ phrase, field: 'concept', value: code });
  for (const [code, phrase] of avoided) if (!wanted.has(code)) out.push({ phrase, field: 'avoidConcept', value: code });
  return out;
}

/**
 * The concept signal, −1..1: the share of the wanted concepts the resource is about (at most `wantedCap` counted, so a
 * long list of interests does not make each single match small), minus 1 when it is about anything the person avoids.
 * 0 when the needs name no concept. `wantedCap` 2 and the penalty 1 are not tuned (only the signal's weight is).
 */
export function conceptSignal(
  resource: readonly string[],
  wanted: readonly string[] = [],
  avoided: readonly string[] = [],
  wantedCap = 2,
): number {
  const hits = wanted.filter((c) => resource.includes(c)).length;
  const share = wanted.length ? Math.min(1, hits / Math.min(wanted.length, wantedCap)) : 0;
  return Math.max(-1, Math.min(1, share - (avoided.some((c) => resource.includes(c)) ? 1 : 0)));
}
