/**
 * Evaluation of 希望文の読み取り (src/matching/understanding/) on the labelled sets test/fixtures/understanding/*.json.
 *   npm run eval:understanding             precision / recall / F1 per field and overall, per half and combined
 *   npm run eval:understanding -- --show a  also list the misses and false positives of half a
 * Half a was labelled before the rules were written and the rules were tuned with it in view; half b was labelled
 * blind and was the held-out figure of rules v1; half c (labelled blind while rules v2 were written) was v2's held-out
 * figure. Rules v3 were developed with a, b and c in view; half d (labelled blind while v3 was written) was v3's held-out
 * figure, and rules v4 were developed with a–d in view (DEVELOPMENT_HALVES); any other `half-*.json` present (half e,
 * labelled blind while v4 was written) is reported separately as held-out. Only half a's errors are printed by
 * default; never --show a held-out half while the rules are still being written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import { projectRoot } from '../src/common/project-root';
import { understandNeeds } from '../src/matching/understanding/needs-understanding';
import { UNDERSTANDING_RULES_VERSION } from '../src/matching/understanding/rules';
import { UNDERSTOOD_FIELDS, type Understood } from '../src/matching/understanding/vocabulary';

interface Labelled {
  half: string;
  sentences: Array<{ id: string; text: string; expected: Array<{ field: string; value: string | number }> }>;
}

/** The halves the current rules were developed with in view; every other half is held-out. */
const DEVELOPMENT_HALVES = new Set(['a', 'b', 'c', 'd']);
const LABELLED_SET = /^half-[a-z0-9]+\.json$/u;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const key = (e: { field: string; value: string | number }) =>
  `${e.field}=${typeof e.value === 'number' ? Math.round(e.value * 100) / 100 : e.value}`;

function score(c: Counts) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function fmt(n: number): string {
  return n.toFixed(3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showAt = args.indexOf('--show');
  const show = new Set(showAt >= 0 ? args[showAt + 1].split(',') : ['a']);
  const dir = path.join(projectRoot(), 'test/fixtures/understanding');
  const sets: Labelled[] = fs
    .readdirSync(dir)
    .filter((f) => LABELLED_SET.test(f))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Labelled);
  Logger.overrideLogger(['error', 'warn']);
  const tokenizer = new JapaneseTokenizer();
  await tokenizer.ready();
  const tokenize = (t: string) => tokenizer.tokens(t);

  const groups = new Map<string, Map<string, Counts>>();
  const bump = (group: string, field: string, kind: keyof Counts) => {
    const g = groups.get(group) ?? new Map<string, Counts>();
    groups.set(group, g);
    for (const f of [field, 'overall']) {
      const c = g.get(f) ?? { tp: 0, fp: 0, fn: 0 };
      c[kind] += 1;
      g.set(f, c);
    }
  };
  // with a held-out half present, the development halves are also totalled apart from it
  const heldOutPresent = sets.some((s) => !DEVELOPMENT_HALVES.has(s.half));
  const groupsOf = (half: string) => [
    `half ${half}`,
    ...(heldOutPresent && DEVELOPMENT_HALVES.has(half) ? ['development'] : []),
    'combined',
  ];
  const errors: string[] = [];
  let sentences = 0;
  for (const set of sets) {
    for (const s of set.sentences) {
      sentences += 1;
      const got: Understood[] = understandNeeds(s.text, tokenize);
      const gotKeys = new Set(got.map(key));
      const wantKeys = new Set(s.expected.map(key));
      for (const g of got) {
        const hit = wantKeys.has(key(g));
        for (const group of groupsOf(set.half)) bump(group, g.field, hit ? 'tp' : 'fp');
        if (!hit && show.has(set.half)) errors.push(`${s.id} 誤検出 ${key(g)} 「${g.phrase}」 — ${s.text}`);
      }
      for (const w of s.expected.filter((e) => !gotKeys.has(key(e)))) {
        for (const group of groupsOf(set.half)) bump(group, w.field, 'fn');
        if (show.has(set.half)) errors.push(`${s.id} 見逃し ${key(w)} — ${s.text}`);
      }
    }
  }

  const role = (group: string) => {
    if (group === 'combined') return ' (all halves)';
    if (group === 'development') return ` (halves ${[...DEVELOPMENT_HALVES].join(', ')} together)`;
    return DEVELOPMENT_HALVES.has(group.replace('half ', '')) ? ' (development)' : ' (held-out)';
  };
  console.log(
    `希望文の読み取り (rules v${UNDERSTANDING_RULES_VERSION}): ${sentences} sentences in ${sets.length} labelled set(s): ` +
      sets.map((s) => `half ${s.half}${role(`half ${s.half}`)} ${s.sentences.length}`).join(', '),
  );
  const held = [...show].filter((h) => !DEVELOPMENT_HALVES.has(h) && sets.some((s) => s.half === h));
  if (held.length)
    console.log(`Note: --show lists the errors of held-out half ${held.join(', ')}; it is no longer blind for the next rules.`);
  const order = (g: string) => (g === 'combined' ? 3 : g === 'development' ? 1 : DEVELOPMENT_HALVES.has(g.replace('half ', '')) ? 0 : 2);
  for (const [group, counts] of [...groups].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))) {
    console.log(`\n## ${group}${role(group)}`);
    console.log('| field | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|');
    for (const field of [...UNDERSTOOD_FIELDS, 'overall']) {
      const c = counts.get(field);
      if (!c) continue;
      const s = score(c);
      const name = field === 'overall' ? '**overall**' : field;
      console.log(`| ${name} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
    }
  }
  if (errors.length) console.log(`\nErrors (half ${[...show].join(', ')}):\n${errors.join('\n')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
