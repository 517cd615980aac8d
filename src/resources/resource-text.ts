import { createHash } from 'node:crypto';
import {
  ACCOMMODATIONS,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
  type Accommodation,
  type DemandLevel,
  type ResourceType,
  type Reward,
} from '../common/catalogue.constants';

/** The fields of a resource that its embedding and lexical index are made from. */
export interface ResourceTextFields {
  type: ResourceType;
  title: string;
  description: string;
  tasks: string[];
  accommodations: string[];
  demandTalking: DemandLevel;
  demandPhysical: DemandLevel;
  demandLiteracy: DemandLevel;
  reward: Reward;
}

/**
 * Renders a resource as one Japanese passage: what the embedding model reads.
 * Attributes are written as words so that needs like 「静かな場所」 meet 「静かな環境」.
 */
export function resourcePassage(r: ResourceTextFields): string {
  const parts = [
    `${RESOURCE_TYPE_LABELS[r.type]}：${r.title}。`,
    r.description,
    r.tasks.length ? `作業・活動：${r.tasks.join('、')}。` : '',
    r.accommodations.length ? `配慮：${r.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join('、')}。` : '',
    demandPhrases(r).join('、'),
    `${REWARD_LABELS[r.reward]}。`,
  ];
  return parts.filter(Boolean).join('\n');
}

/** Text for the lexical index: title is weighted separately (tsvector weight A). */
export function resourceLexicalBody(r: ResourceTextFields): string {
  return [r.description, r.tasks.join(' '), r.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join(' ')].join('\n');
}

export function contentHash(passage: string): string {
  return createHash('sha256').update(passage).digest('hex');
}

/**
 * Low and high demands are worded differently on purpose: 「会話は少なめ」 and
 * 「人と接することが多い」 share no words, so a need 「人と話すのが苦手」 is not pulled
 * towards busy counters just because both mention talking.
 */
const DEMAND_PHRASES: Record<'talking' | 'physical' | 'literacy', Partial<Record<DemandLevel, string>>> = {
  talking: { low: '会話は少なめで黙々と取り組める', high: '接客や人と接することが多い' },
  physical: { low: '体力をあまり使わない軽作業', high: '体を動かす力仕事' },
  literacy: { low: '読み書きはほとんど不要', high: '文章の読み書きやパソコン入力がある' },
};

function demandPhrases(r: ResourceTextFields): string[] {
  return [
    DEMAND_PHRASES.talking[r.demandTalking],
    DEMAND_PHRASES.physical[r.demandPhysical],
    DEMAND_PHRASES.literacy[r.demandLiteracy],
  ].filter((p): p is string => Boolean(p));
}
