/**
 * Calibration of the unmet-needs threshold (UNMET_THRESHOLD, src/matching/ranking.ts) for bench/eval-matching.ts.
 * Two errors: a served need flagged unmet (false unmet: noise in the 開拓 list) and an unserved need not flagged
 * (missed unmet: a gap the municipality never hears of). The threshold minimises the sum of the two rates
 * (balanced error; the unserved set is small, so a plain error count would ignore it), chosen on 4/5 of both
 * sets and measured on the held-out 1/5 (5-fold cross-validation), for each candidate statistic of the best result.
 */
import { folds, mean } from './metrics';

const f3 = (x: number) => x.toFixed(3);

export interface UnmetStatistic {
  name: string;
  served: number[];
  unserved: number[];
}

const below = (xs: number[], t: number) => xs.filter((x) => x < t).length;

/** Threshold with the lowest false-unmet + missed-unmet rate (ties: the midpoint of the widest gap). */
export function calibrate(served: number[], unserved: number[]): { t: number; falseUnmet: number; missedUnmet: number } {
  const sorted = [...served, ...unserved].sort((a, b) => a - b);
  const cuts = [sorted[0] - 1e-6, ...sorted.slice(1).map((hi, i) => (sorted[i] + hi) / 2), sorted[sorted.length - 1] + 1e-6];
  const rates = (t: number) => ({ t, falseUnmet: below(served, t) / served.length, missedUnmet: 1 - below(unserved, t) / unserved.length });
  return cuts.map(rates).reduce((x, y) => (y.falseUnmet + y.missedUnmet < x.falseUnmet + x.missedUnmet - 1e-12 ? y : x));
}

export function reportUnmet(statistics: UnmetStatistic[], current: number): void {
  console.log(`\nunmet threshold calibration (false unmet = served needs flagged; missed unmet = unserved needs not flagged):`);
  console.log('  statistic                 in-sample t  false  missed   CV false  CV missed   at current ' + current);
  for (const s of statistics) {
    const all = calibrate(s.served, s.unserved);
    const fs = folds(s.served.length, 5);
    const fu = folds(s.unserved.length, 5, 20240602);
    let falseCount = 0;
    let missedCount = 0;
    for (let f = 0; f < 5; f++) {
      const train = calibrate(
        s.served.filter((_, i) => !fs[f].includes(i)),
        s.unserved.filter((_, i) => !fu[f].includes(i)),
      );
      falseCount += below(
        fs[f].map((i) => s.served[i]),
        train.t,
      );
      missedCount +=
        fu[f].length -
        below(
          fu[f].map((i) => s.unserved[i]),
          train.t,
        );
    }
    const missedNow = s.unserved.length - below(s.unserved, current);
    const atCurrent = `${below(s.served, current)}/${s.served.length} false, ${missedNow}/${s.unserved.length} missed`;
    console.log(
      `  ${s.name.padEnd(25)} ${f3(all.t).padStart(11)}  ${f3(all.falseUnmet)}  ${f3(all.missedUnmet)}    ` +
        `${f3(falseCount / s.served.length)}     ${f3(missedCount / s.unserved.length)}      ${atCurrent}`,
    );
  }
  console.log(
    `  (medians: ${statistics.map((s) => `${s.name} served ${f3(median(s.served))} / unserved ${f3(median(s.unserved))}`).join('; ')})`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : mean([s[s.length / 2 - 1], s[s.length / 2]]);
}
