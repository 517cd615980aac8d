import { Injectable } from '@nestjs/common';
import { canSeeParticipant, inActorAreas } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { normalizeJapanese } from '../common/japanese/normalize';
import { ParticipantRepository, type Participant } from '../participants/participant.repository';
import { participantQueryText } from '../participants/participant.views';
import type { Day, DemandKind } from '../common/catalogue.constants';
import { ResourceRepository } from '../resources/resource.repository';
import { toResourceSummary } from '../resources/resource.view';
import type { SearchMatchesDto } from './dto/search.dto';
import { diversify } from './diversity';
import { EmbeddingModelRepository } from './embedding-model.repository';
import { JapaneseTokenizer } from '../common/japanese/tokenizer';
import { queryTerms } from './bm25';
import { MatchRepository, type HardFilters, type SearchCandidate } from './match.repository';
import { OutcomeService, type OutcomeAdjustment } from './outcome.service';
import { NeedsUnderstanding } from './understanding/needs-understanding';
import { mergeUnderstood, type UnderstoodView } from './understanding/preferences';
import {
  DEFAULT_WEIGHTS,
  fitSignal,
  rank,
  explain,
  type Explanation,
  FULL_CAUTION,
  UNMET_THRESHOLD,
  type PersonPreferences,
  type Ranked,
  type RankingWeights,
} from './ranking';

/** Candidates fetched from each index before re-ranking. */
const CANDIDATES_PER_INDEX = 100;

export interface SearchInput {
  needs: string;
  filters: HardFilters;
  preferences: PersonPreferences;
  limit: number;
  /** What was read from the needs text (already merged into preferences). */
  understood?: UnderstoodView[];
}

/** The texts the two text signals read: the query embedding and the BM25 query terms. */
export interface SignalTexts {
  vector: string;
  lexical: string;
}

@Injectable()
export class MatchService {
  constructor(
    private readonly model: EmbeddingModelRepository,
    private readonly tokenizer: JapaneseTokenizer,
    private readonly matches: MatchRepository,
    private readonly participants: ParticipantRepository,
    private readonly resources: ResourceRepository,
    private readonly audit: AuditService,
    private readonly outcomes: OutcomeService,
    private readonly understanding: NeedsUnderstanding,
  ) {}

  async search(actor: Actor, dto: SearchMatchesDto) {
    const input = await this.toInput(actor, dto);
    const { model, ranked, needsChunks, vector } = await this.rankCandidates(input);
    // Unmet is decided by the relevance of the best match, before the outcomes of similar people nudge the order.
    const bestScore = ranked[0]?.score ?? null;
    const outcome = await this.outcomes.adjust(actor, { model, vector, participantId: dto.participantId ?? null }, ranked);
    // Variety across hosts and types (MMR); the first result never moves.
    const top = diversify(outcome.ranked).slice(0, input.limit);
    await this.matches.logSearch({
      actorTokenId: actor.tokenId,
      actorUserId: actor.userId ?? null,
      actorRole: actor.role,
      participantId: dto.participantId ?? null,
      filters: { ...dto.filters, includeFull: input.filters.includeFull },
      resultIds: top.map((r) => r.candidate.id),
      bestScore,
      unmet: bestScore === null || bestScore < UNMET_THRESHOLD,
      model,
    });
    const wantedDays = [...new Set([...(input.preferences.availableDays ?? []), ...((input.filters.days ?? []) as Day[])])];
    return {
      model,
      // The needs were longer than the model's window: embedded in overlapping chunks, every part counts.
      needsLong: needsChunks > 1,
      needsChunks,
      unmet: bestScore === null || bestScore < UNMET_THRESHOLD,
      results: top.map((r) => ({
        resource: toResourceSummary(r.candidate),
        score: round(r.score),
        signals: {
          vector: round(r.signals.vector),
          lexical: round(r.signals.lexical),
          fit: round(r.signals.fit),
          concept: round(r.signals.concept),
        },
        ...withOutcome(explain(r, top[0], input.preferences, wantedDays), outcome.explanations.get(r.candidate.id)),
      })),
      understood: input.understood ?? [],
    };
  }

  /**
   * What the vector and lexical signals read: the needs as written. Leaving out the phrases that say what the person
   * avoids or refuses (bench/signal-text.ts: 「若い人が集まる場所は避けたい」 pulls exactly those places) was
   * measured on the dev set and is not ahead cross-validated (docs/benchmarks.md, 2026-11-29 「避けたいことを信号から外す」):
   * hosts word their welcome with the same words (「男性がいる場が苦手な人も安心して」, 「声をかけられるのが苦手な人は
   * そっとしておいてもらえる」), so a refused word also finds the places that spare the person it. The eval compares both
   * through rankCandidates(texts).
   */
  signalTexts(needs: string): SignalTexts {
    const text = normalizeJapanese(needs);
    return { vector: text, lexical: text };
  }

  /**
   * The ranking itself, without logging: also used by the evaluation script, which passes other signal texts to
   * compare (bench/eval-signal-text.ts).
   */
  async rankCandidates(
    input: SearchInput,
    weights: RankingWeights = DEFAULT_WEIGHTS,
    texts: SignalTexts = this.signalTexts(input.needs),
  ): Promise<{ model: string; ranked: Ranked<SearchCandidate>[]; needsChunks: number; vector: Float32Array }> {
    // the query-embedding cache is keyed on (model, the text embedded), whatever text the signals are given
    const { model, vector, chunks } = await this.model.embedQuery(normalizeJapanese(texts.vector));
    const terms = queryTerms(this.tokenizer.lexicalTerms(texts.lexical));
    const candidates = await this.matches.findCandidates(
      model,
      vector,
      terms,
      input.filters,
      Math.max(CANDIDATES_PER_INDEX, input.limit * 4),
    );
    return { model, ranked: rank(candidates, input.preferences, weights), needsChunks: chunks, vector };
  }

  /**
   * Waiting participants (consent obtained, nothing in progress) whose needs are nearest
   * to an opening: for when a host adds or reopens one. Coordinators only.
   */
  async candidates(actor: Actor, resourceId: string, limit: number) {
    const resource = await this.resources.findById(resourceId);
    if (!resource) throw AppException.notFound('資源', resourceId);
    const model = await this.model.ready();
    const nearest = (await this.participants.findWaitingNear(resourceId, model, limit * 3)).filter((p) => inActorAreas(actor, p.area));
    const asCandidate = (similarity: number): SearchCandidate => ({
      ...resource,
      vectorSimilarity: similarity,
      lexicalRank: 0,
      matchedTerms: [],
    });
    const scored = nearest
      .map((p) => {
        const preferences = preferencesOf(p);
        const candidate = asCandidate(p.similarity);
        const [ranked] = rank([candidate], preferences);
        return { p, preferences, ranked, fit: fitSignal(candidate, preferences) };
      })
      .sort((a, b) => b.ranked.score - a.ranked.score)
      .slice(0, limit);
    await this.audit.record(
      actor,
      'read',
      scored.map(({ p }) => p.id),
      ['displayName', 'area', 'ageBand', 'readinessStage', 'constraints'],
    );
    return {
      model,
      resource: { id: resource.id, title: resource.title, vacancies: resource.vacancies, status: resource.status },
      candidates: scored.map(({ p, preferences, ranked }) => ({
        participant: { id: p.id, displayName: p.displayName, area: p.area, ageBand: p.ageBand, readinessStage: p.readinessStage },
        score: round(ranked.score),
        // one resource for every candidate: its vacancy is on the page once, not a caution per person
        ...withoutVacancy(explain(ranked, scored[0].ranked, preferences, (preferences.availableDays ?? []) as Day[])),
      })),
    };
  }

  private async toInput(actor: Actor, dto: SearchMatchesDto): Promise<SearchInput> {
    const participant = dto.participantId ? await this.participants.findById(dto.participantId) : null;
    if (dto.participantId && !canSeeParticipant(actor, participant)) {
      throw AppException.validation('participantId', `本人（id: ${dto.participantId}）が見つかりません`);
    }
    if (participant) await this.audit.record(actor, 'read', [participant.id], ['needs', 'strengths', 'constraints']);
    const needs = dto.needs?.trim() || (participant ? participantQueryText(participant) : '');
    if (!needs) throw AppException.validation('needs', 'needs（本人の希望）を入力するか、participantId を指定してください');
    const f = dto.filters ?? {};
    // The constraints written in the needs text (the request's, else the person's stored needs), soft; structured ones win.
    const needsText = dto.needs?.trim() || participant?.needs || '';
    const structured: PersonPreferences = { ...(participant ? preferencesOf(participant) : {}), ...(dto.constraints ?? {}) };
    const { preferences, understood } = mergeUnderstood(structured, this.understanding.read(needsText), dto.ignore);
    return {
      needs,
      filters: {
        types: f.types,
        areas: f.areas,
        days: f.days,
        maxTravelMinutes: f.maxTravelMinutes,
        accommodations: f.accommodations,
        includeFull: dto.includeFull ?? false,
      },
      preferences,
      understood,
      limit: dto.limit ?? 10,
    };
  }
}

function preferencesOf(p: Participant): PersonPreferences {
  const c = p.constraints ?? {};
  return {
    availableDays: c.availableDays as Day[] | undefined,
    maxTravelMinutes: c.maxTravelMinutes,
    avoid: c.avoid as DemandKind[] | undefined,
    preferredAccommodations: c.preferredAccommodations,
  };
}

/** What similar people's outcomes add: a settled history last among the reasons, an early-end history first among the cautions. */
function withOutcome(e: Explanation, outcome: OutcomeAdjustment | undefined): Explanation {
  return outcome ? { reasons: [...e.reasons, ...outcome.reasons], cautions: [...outcome.cautions, ...e.cautions] } : e;
}

function withoutVacancy(e: Explanation): Explanation {
  return { reasons: e.reasons, cautions: e.cautions.filter((c) => c !== FULL_CAUTION) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
