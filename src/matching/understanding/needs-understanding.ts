import { Injectable } from '@nestjs/common';
import { normalizeJapanese } from '../../common/japanese/normalize';
import { JapaneseTokenizer } from '../../common/japanese/tokenizer';
import { readingForm } from './reading-form';
import { readConcepts } from './concepts';
import { refusedSpans, type RefusalKind } from './signal-text';
import { clausesOf, othersAt, type Clause, type Tokenize } from './clauses';
import {
  ABSENT_AFTER,
  DAY_PATTERN,
  daysOf,
  COMPARED_AWAY,
  EXCEPT_AFTER,
  IMPROVED_AFTER,
  happened,
  NEGATED_AFTER,
  otherDays,
  OVER_NOW,
  parseNumber,
  REFUSED_LATER,
  RULES,
  STRENGTH_AFTER,
  TAKEN_LATER,
  TRAVEL_AFTER,
  TRAVEL_CUE,
  type Check,
} from './rules';
import {
  BUSY_AFTER,
  BUSY_BEFORE,
  BUSY_SPAN_AFTER,
  DAY_WORD,
  ENDS_AFTER_DAY,
  OTHER_DAYS,
  PART_OF_DAY_AFTER,
  STAY_HOME_AFTER,
  takenForAReason,
  TIME_WORD,
} from './scope';
import { NUMERIC_FIELDS, type Understood, type UnderstoodField } from './vocabulary';

/** 2時間, 1〜2時間, 30分〜1時間, 1時間半: the upper end, in minutes (the lower end may carry its own unit). */
const DURATION =
  /([0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十]+)(?:時間|分|h)?(?:(?:[~-]|から)([0-9]+(?:\.[0-9]+)?|[一二三四五六七八九十]+))?(時間|分|h(?![a-z])|hr|min)(半)?/gu;
/** v3: 「1回2時間くらいなら通えそう」: a length said per session is the session, whatever verb follows. */
const PER_SESSION_BEFORE = /(?:1|一|いっ)(?:回|日)(?:の|に|あたり|につき)?$/u;
/** v3: 「面談が月2回ある」: a count of appointments the person already has, not how often they can come. */
const APPOINTMENT_BEFORE = /(?:予定|用事|面談|通院|診察|受診|デイケア|リハビリ|仕事|バイト|訪問)(?:が|は|も)?$/u;
/** v3: 「外出は月に1回程度」: how often the person goes out now, a description rather than a wish. */
const HABIT_BEFORE = /(?:外出|外に出る|出かける|買い物に行く)(?:の|こと)?(?:は|も)$/u;
const APPOINTMENT_AFTER = /^(?:ほど|くらい|ぐらい|程度)?(?:ある|あり|あって|入っ|入る)/u;
/** v3: 「午前×」「土日✕」: a mark right after a day or time refuses it. */
const MARKED_OFF = /^\s*(?:[×✕✖]|NG)/u;
/** A clause that is only a limit (30分以内なら) carries on the travel of the clause before it (バス1本で行けて、). */
const LIMIT_ONLY = /^[0-9一二三四五六七八九十.~-]+(?:時間|分)半?(?:くらい|ぐらい|程度|ほど)?(?:以内|まで)/u;
const HALF_DAY = /半日/gu;
/** v4: 「45分以上かかる所は厳しい」「2時間以上は無理」: from this length up is refused. */
const AT_LEAST_AFTER =
  /^(?:以上|を超える|を越える|超)(?:かかる|かかると|は|だと|になると)?[^、。]{0,8}?(?:無理|難し|厳し|きつ|つら|辛|ダメ|だめ|通えな|行けな)/u;
const LIVES_AFTER = /^[^、。]{0,8}?(?:に住|住んで)/u;
/** 3時間前, 24時間 (opening hours), 時間帯: not a length someone can manage. */
const NOT_A_LENGTH_AFTER = /^(?:前|後|ほど前|おき|営業|帯|も[^、。]{0,5}?(?:ない|無理))/u;

/**
 * Reads soft constraints out of a coordinator's free-text needs (issue #17): 「人と話すのが苦手で、午後からなら週1回」
 * → avoid talking, timeOfDay afternoon, sessionsPerWeek 1. Pure: the morphological analyser is passed in.
 * The vocabulary and the rules for negation, hedges, third person and the past: docs/understanding-labels.md and
 * docs/matching.md 「希望文の読み取り」.
 */
export function understandNeeds(text: string, tokenize: Tokenize): Understood[] {
  const spaced = normalizeJapanese(text)
    // 「月、水、金」: a list of days, not three clauses.
    .replace(/(?<=[月火水木金土日])、(?=[月火水木金土日](?:[・、]|曜|の|なら|は|に))/gu, '・')
    // 「週1、2回」: a range, not two clauses (v2; same length, so phrases stay the coordinator's characters).
    .replace(/(?<=[0-9一二三四五六七八九])、(?=[0-9一二三四五六七八九]+(?:回|日|度|時間|分))/gu, '~');
  const { text: normalised, cite } = readingForm(spaced);
  // a phrase is given in the coordinator's own characters when normalisation kept the length (spaces included)
  const source = spaced.length === text.length ? text : spaced;
  const phraseOf = (start: number, end: number) => source.slice(...cite(start, end));
  const found: Understood[] = [];
  const add = (field: UnderstoodField, value: string | number, start: number, end: number) => {
    const duplicate = found.some((u) => u.field === field && (u.value === value || NUMERIC_FIELDS.includes(field)));
    if (!duplicate) found.push({ phrase: phraseOf(start, end), field, value });
  };

  let busy: string[] = [];
  // v4: the person's own days named as taken or refused anywhere in the text (火曜日は無理です, 月曜は通院)
  const refused: Array<{ day: string; start: number; end: number }> = [];
  let previous = '';
  for (const clause of clausesOf(normalised, tokenize)) {
    if (clause.past) continue;
    for (const rule of RULES) {
      for (const m of clause.text.matchAll(rule.pattern)) {
        if (othersAt(clause, m.index)) continue;
        const end = m.index + m[0].length;
        const rest = clause.text.slice(end);
        if (cancelled(rule.check, rest, clause)) continue;
        if (rule.field === 'sessionsPerWeek' && (appointment(clause.text.slice(0, m.index), rest) || happened(rest))) continue;
        if (rule.field === 'timeOfDay' && rule.check === 'when' && takenForAReason(m[0], rest, clause.after, TIME_WORD)) continue;
        const values = typeof rule.values === 'function' ? rule.values(m as RegExpExecArray, rest) : rule.values;
        for (const v of values) add(rule.field, v, clause.start + m.index, clause.start + end);
      }
    }
    busy = readDays(clause, add, busy, refused);
    readDurations(clause, add, previous);
    // days named as taken and the clause before are kept within one sentence
    if (clause.after === '') busy = [];
    previous = clause.after === '' ? '' : clause.text;
  }
  // v4: days only refused, none named as possible → every other day (the guide: a day that is out leaves the rest)
  if (refused.length && !found.some((u) => u.field === 'availableDays')) {
    const first = refused[0];
    for (const d of otherDays(refused.map((r) => r.day))) add('availableDays', d, first.start, first.end);
  }
  return found;
}

function cancelled(check: Check, rest: string, clause: Clause): boolean {
  if (check === 'difficulty') return NEGATED_AFTER.test(rest) || OVER_NOW.test(rest + clause.after) || IMPROVED_AFTER.test(rest);
  if (check === 'none') return IMPROVED_AFTER.test(rest);
  if (check === 'wish')
    return (
      REFUSED_LATER.test(rest) ||
      MARKED_OFF.test(rest) ||
      COMPARED_AWAY.test(rest) ||
      ABSENT_AFTER.test(rest) ||
      STRENGTH_AFTER.test(rest) ||
      happened(rest)
    );
  if (check === 'when')
    return (
      TAKEN_LATER.test(rest) ||
      MARKED_OFF.test(rest) ||
      COMPARED_AWAY.test(rest) ||
      BUSY_AFTER.test(rest) ||
      BUSY_SPAN_AFTER.test(rest) ||
      STAY_HOME_AFTER.test(rest)
    );
  return false;
}

function appointment(before: string, rest: string): boolean {
  return (APPOINTMENT_BEFORE.test(before) && APPOINTMENT_AFTER.test(rest)) || HABIT_BEFORE.test(before);
}

type Add = (field: UnderstoodField, value: string | number, start: number, end: number) => void;

/** 月曜から金曜 → every day between (v2). */
const DAY_RANGE =
  // v4: the second day without 曜 (月〜金, 月から水) when a particle, a time or the end follows
  /(?<![年毎今本先来昨休祝平半同当明数何後前翌隔0-9])([月火水木金土日])(?:曜日?)?(?:から|~|-)([月火水木金土日])(?:曜日?|(?=まで|なら|は|の|で|に|OK|ok|可|AM|PM|午前|午後|[、。\s]|$))/gu;
const WEEK = '月火水木金土日';
const RUN_OF_DAYS = /^[月火水木金土日]{2,3}(?:曜日?)?$/u;

/** v3: 「火木」「月水金」 are days only in the order of the week (月日 is a date word, not Monday and Sunday). */
function inWeekOrder(expression: string): boolean {
  if (!RUN_OF_DAYS.test(expression) || expression.startsWith('土日')) return true;
  const at = [...expression.replace(/曜日?/u, '')].map((ch) => WEEK.indexOf(ch));
  return at.every((v, i) => i === 0 || v > at[i - 1]) && !expression.startsWith('月日');
}
/** The days that follow in a list (と木曜, や土日): skipped to reach what is said of all of them. */
const LISTED_DAYS = /^(?:曜日?)?(?:(?:と|や|か|、|・)(?:[月火水木金土日]曜日?|平日|週末|土日|祝日|祝祭日|祭日|祝))+/u;
/** v3: 「それ以外の平日」: the other days, within the days named after it. */
const WITHIN_AFTER = /^の?(平日|週末|土日)/u;

/**
 * 火曜と木曜, 平日, 月・水・金; 月曜以外 / 日曜じゃなければ → the other days; 平日は仕事 → nothing.
 * v2: 月曜はデイケアがあるので → taken, returned so that a later 「それ以外の日」 of the sentence gives the others.
 */
function readDays(clause: Clause, add: Add, busyBefore: string[], refused: Refused[]): string[] {
  const refuse = (days: string[], start: number, end: number) => {
    for (const day of days) refused.push({ day, start: clause.start + start, end: clause.start + end });
  };
  const busy = [...busyBefore];
  const other = OTHER_DAYS.exec(clause.text);
  let withinAt = -1;
  if (other && busy.length && !othersAt(clause, other.index)) {
    const within = WITHIN_AFTER.exec(clause.text.slice(other.index + other[0].length));
    const end = other.index + other[0].length + (within ? within[0].length : 0);
    if (within) withinAt = end - within[1].length;
    for (const d of otherDays(busy)) {
      if (!within || daysOf(within[1]).includes(d)) add('availableDays', d, clause.start + other.index, clause.start + end);
    }
  }
  for (const m of clause.text.matchAll(DAY_RANGE)) {
    const rest = clause.text.slice(m.index + m[0].length);
    if (othersAt(clause, m.index)) continue;
    const [from, to] = [WEEK.indexOf(m[1]), WEEK.indexOf(m[2])];
    if (to < from) continue;
    if (TAKEN_LATER.test(rest) || BUSY_SPAN_AFTER.test(rest) || BUSY_AFTER.test(rest)) {
      // v4: 「月〜水はデイケア」: the range is taken
      if (!PART_OF_DAY_AFTER.test(rest))
        refuse(
          [...WEEK.slice(from, to + 1)].map((ch) => daysOf(`${ch}曜`)[0]),
          m.index,
          m.index + m[0].length,
        );
      continue;
    }
    for (let i = from; i <= to; i++)
      add('availableDays', daysOf(`${WEEK[i]}曜`)[0], clause.start + m.index, clause.start + m.index + m[0].length);
  }
  let listedUntil = -1;
  for (const m of clause.text.matchAll(DAY_PATTERN)) {
    if (othersAt(clause, m.index) || m.index < listedUntil || m.index === withinAt || !inWeekOrder(m[0])) continue;
    const end = m.index + m[0].length;
    const rest = ownRest(clause.text.slice(end));
    // 「月曜と木曜はデイケアがあるので」: what is said of the list is said of each day in it
    const listEnd = LISTED_DAYS.exec(rest);
    const restOfList = listEnd ? rest.slice(listEnd[0].length) : rest;
    const days = daysOf(m[0]);
    // v3: 「火曜と金曜以外」: 以外 after a list excludes every day of it
    const listExcept = listEnd ? EXCEPT_AFTER.exec(restOfList) : null;
    const except = EXCEPT_AFTER.exec(rest) ?? listExcept;
    if (listExcept && listEnd) {
      listedUntil = end + listEnd[0].length;
      for (const l of listEnd[0].matchAll(DAY_PATTERN)) days.push(...daysOf(l[0]));
    }
    const exceptEnd = end + (listExcept && listEnd ? listEnd[0].length : 0) + (except ? except[0].length : 0);
    const partOfDay = PART_OF_DAY_AFTER.test(restOfList);
    if (MARKED_OFF.test(rest)) {
      if (!partOfDay) refuse(days, m.index, end);
      continue;
    }
    if (except) {
      // v3: 「水曜以外の平日」: the other days within the days named after 以外
      const within = WITHIN_AFTER.exec(clause.text.slice(exceptEnd));
      if (within) listedUntil = exceptEnd + within[0].length;
      for (const d of otherDays(days)) {
        if (!within || daysOf(within[1]).includes(d))
          add('availableDays', d, clause.start + m.index, clause.start + exceptEnd + (within ? within[0].length : 0));
      }
    } else if (
      BUSY_AFTER.test(restOfList) ||
      BUSY_SPAN_AFTER.test(restOfList) ||
      STAY_HOME_AFTER.test(restOfList) ||
      takenForAReason(m[0], restOfList, clause.after, DAY_WORD) ||
      (BUSY_BEFORE.test(clause.text.slice(0, m.index)) && ENDS_AFTER_DAY.test(rest))
    ) {
      busy.push(...days);
      if (!partOfDay) refuse(days, m.index, end);
    } else if (partOfDay && busyPart(restOfList.replace(PART_OF_DAY_AFTER, ''))) {
      // v4: 「平日の日中は子どもの世話がある」: part of those days is taken; the days are neither given nor refused
    } else if (!TAKEN_LATER.test(rest)) {
      // v4: a day told as what happened (先週の木曜に見学に行った) is a report
      if (!happened(rest)) for (const d of days) add('availableDays', d, clause.start + m.index, clause.start + end);
    } else if (!partOfDay && !oneOff(clause.text.slice(0, m.index), restOfList)) {
      refuse(days, m.index, end);
    }
  }
  return busy;
}

type Refused = { day: string; start: number; end: number };

/**
 * v4: 「月曜日に市役所に行く予定」: a day as the date of one plan (に, not a topic は) — the day is taken once, not out
 * every week; 「毎週水曜に通院」 is every week.
 */
function oneOff(before: string, rest: string): boolean {
  return /^(?:曜日?)?に/u.test(rest) && !/(?:毎週|毎月|いつも|隔週)$/u.test(before);
}

const NEXT_DAY = new RegExp(DAY_PATTERN.source, 'u');
/** Between a day and the next day of a list or a range: a separator, a particle or 曜 only. */
const LIST_GAP = /^(?:曜日?)?(?:[、・,/とやか\s~-]|から)*$/u;

/**
 * v4: 「土日OK、平日NG」: what follows a day up to the next day said of something else belongs to it alone; in a list
 * (「土曜、日曜はダメ」, 「火曜か木曜は無理」) the days share what follows the last of them.
 */
function ownRest(rest: string): string {
  const next = NEXT_DAY.exec(rest);
  if (!next || next.index === 0 || LIST_GAP.test(rest.slice(0, next.index))) return rest;
  return rest.slice(0, next.index);
}

/** What follows a part of a day (平日の午前 / 火曜は午前中) says it is taken: 「は通院がある」「リハビリ。」「は無理」. */
function busyPart(rest: string): boolean {
  return BUSY_AFTER.test(rest) || TAKEN_LATER.test(rest) || BUSY_SPAN_AFTER.test(rest);
}

/**
 * A length: the way there when a travel cue comes before it in the clause (バスで30分), a travel verb right after it
 * (1時間以内で通える) or it is a bare limit after a clause about the way (バスで行けて、30分以内なら); else one session.
 */
function readDurations(clause: Clause, add: Add, previous: string): void {
  for (const m of clause.text.matchAll(DURATION)) {
    if (othersAt(clause, m.index)) continue;
    const end = m.index + m[0].length;
    const rest = clause.text.slice(end);
    // v3: a length in a report (2時間ほど話をした, 面談は1時間ほどで終わった) or of where one lives (徒歩15分の所に住んでいる)
    // v4: 「45分以上かかる所は厳しい」: a length refused from there up is a limit (45), not a length refused
    const limit = AT_LEAST_AFTER.test(rest);
    if (NOT_A_LENGTH_AFTER.test(rest) || (TAKEN_LATER.test(rest) && !limit) || happened(rest) || LIVES_AFTER.test(rest)) continue;
    const minutes = parseNumber(m[2] ?? m[1]) * (m[3] === '時間' || m[3] === 'h' || m[3] === 'hr' ? 60 : 1) + (m[4] ? 30 : 0);
    if (!(minutes > 0)) continue;
    const before = clause.text.slice(0, m.index);
    const travel =
      !PER_SESSION_BEFORE.test(before) &&
      (TRAVEL_CUE.test(before) ||
        TRAVEL_AFTER.test(rest) ||
        (limit && TRAVEL_CUE.test(rest)) ||
        (m.index === 0 && (LIMIT_ONLY.test(clause.text) || limit) && TRAVEL_CUE.test(previous)));
    add(travel ? 'maxTravelMinutes' : 'sessionMinutes', minutes, clause.start + m.index, clause.start + end);
  }
  for (const m of clause.text.matchAll(HALF_DAY)) {
    if (!othersAt(clause, m.index) && !TAKEN_LATER.test(clause.text.slice(m.index + 2)))
      add('sessionMinutes', 240, clause.start + m.index, clause.start + m.index + 2);
  }
}

const READ_CACHE_SIZE = 500;

/** The Nest face of understandNeeds: the search injects it; the tokenizer is the app's one kuromoji. */
@Injectable()
export class NeedsUnderstanding {
  constructor(private readonly tokenizer: JapaneseTokenizer) {}

  /**
   * What the search reads of a needs text: the constraints and the concepts. A pure function of the text, kept for the
   * last READ_CACHE_SIZE texts: a coordinator who removes a chip searches the same text again (≈ 5 ms of this process
   * per reading, docs/benchmarks.md). The cache holds needs texts in memory only, as the query-embedding cache does.
   */
  read(text: string): Understood[] {
    const cached = this.readCache.get(text);
    if (cached) {
      this.readCache.delete(text);
      this.readCache.set(text, cached);
      return cached.map((u) => ({ ...u }));
    }
    const read = [...this.constraints(text), ...this.concepts(text)];
    this.readCache.set(text, read);
    if (this.readCache.size > READ_CACHE_SIZE) this.readCache.delete(this.readCache.keys().next().value!);
    return read.map((u) => ({ ...u }));
  }

  private readonly readCache = new Map<string, Understood[]>();

  /** The constraints (understandNeeds): the labelled vocabulary of eval:understanding. */
  constraints(text: string): Understood[] {
    return understandNeeds(text, this.tokenize);
  }

  /** The concepts (concepts.ts), wanted or avoided as the refusal phrases of signal-text.ts say. */
  concepts(text: string): Understood[] {
    const normalised = normalizeJapanese(text);
    // the three readings of the refusals and the clauses analyse the same clauses: each once (≈ 7 → 3 ms a text, measured)
    const analysed = new Map<string, ReturnType<Tokenize>>();
    const tokenize: Tokenize = (t) => analysed.get(t) ?? analysed.set(t, this.tokenize(t)).get(t)!;
    const spans = (kinds: RefusalKind[]) => refusedSpans(normalised, tokenize, { kinds });
    return readConcepts(
      text,
      { avoided: spans(['avoid', 'contrast']), difficult: spans(['difficulty']), unneeded: spans(['unneeded']) },
      tokenize,
    );
  }

  private readonly tokenize: Tokenize = (t) => this.tokenizer.tokens(t);
}
