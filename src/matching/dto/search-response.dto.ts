import { ApiProperty } from '@nestjs/swagger';
import { READINESS_STAGES } from '../../participants/participant.constants';
import { RESOURCE_STATUSES } from '../../common/catalogue.constants';
import { ResourceSummaryView } from '../../resources/dto/resource-response.dto';
import { UNDERSTOOD_FIELDS } from '../understanding/vocabulary';

/* Response shapes of the matching routes, for the typed web client; they validate nothing. */

export class SignalsView {
  @ApiProperty({ description: '意味の近さ（0〜1）' }) vector!: number;
  @ApiProperty({ description: 'キーワードの一致（0〜1）' }) lexical!: number;
  @ApiProperty({ description: '本人の条件への適合（-1〜1）' }) fit!: number;
  @ApiProperty({
    description:
      '活動内容の合い方（-1〜1）: 希望文の「希望する内容」のうち資源が当たる割合、「避けたい内容」に当たれば -1（docs/matching.md §8）',
  })
  concept!: number;
}

export class SearchResultView {
  @ApiProperty({ type: ResourceSummaryView }) resource!: ResourceSummaryView;
  @ApiProperty() score!: number;
  @ApiProperty({ type: SignalsView }) signals!: SignalsView;
  @ApiProperty({ type: [String], description: '合う理由（日本語）。本人の条件に合う点・希望文の語句の引用（『…』→ …）' })
  reasons!: string[];
  @ApiProperty({
    type: [String],
    description: '注意（日本語）。本人の条件に合わない点（曜日・時間帯・移動時間・体力などの負担・満員）と、似た希望の方の早い終結',
  })
  cautions!: string[];
}

export class UnderstoodView {
  @ApiProperty({ description: '読み取りのもとになった希望文の語句', example: '人と話すのが苦手' }) phrase!: string;
  @ApiProperty({ enum: UNDERSTOOD_FIELDS, description: '条件の項目' }) field!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], description: '値（曜日・配慮などのコード、または回数・分）' })
  value!: string | number;
  @ApiProperty({ description: '日本語の表示（例「避けたいこと: 人と話す」）' }) label!: string;
  @ApiProperty({ description: 'false: 登録済み・入力済みの同じ項目の条件が優先され、この読み取りは使われていない' }) applied!: boolean;
}

export class SearchResponse {
  @ApiProperty() model!: string;
  @ApiProperty() needsLong!: boolean;
  @ApiProperty() needsChunks!: number;
  @ApiProperty({ description: '合う資源が見つからなかった（未充足ニーズ）' }) unmet!: boolean;
  @ApiProperty({ type: [SearchResultView] }) results!: SearchResultView[];
  @ApiProperty({
    type: [UnderstoodView],
    description:
      '希望文から読み取った条件（やわらかい条件として順位に反映。ignore で外したものは含まない）。docs/matching.md「希望文の読み取り」',
  })
  understood!: UnderstoodView[];
}

export class CandidateParticipantView {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ type: String, nullable: true }) ageBand!: string | null;
  @ApiProperty({ enum: READINESS_STAGES, nullable: true }) readinessStage!: string | null;
}

export class CandidateView {
  @ApiProperty({ type: CandidateParticipantView }) participant!: CandidateParticipantView;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [String], description: '合う理由（日本語）' }) reasons!: string[];
  @ApiProperty({ type: [String], description: '注意（日本語）: 本人の条件に合わない点' }) cautions!: string[];
}

export class CandidateResourceView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() vacancies!: number;
  @ApiProperty({ enum: RESOURCE_STATUSES }) status!: string;
}

export class CandidatesResponse {
  @ApiProperty() model!: string;
  @ApiProperty({ type: CandidateResourceView }) resource!: CandidateResourceView;
  @ApiProperty({ type: [CandidateView] }) candidates!: CandidateView[];
}
