import { ApiProperty } from '@nestjs/swagger';
import { READINESS_STAGES } from '../../participants/participant.constants';
import { RESOURCE_STATUSES } from '../../common/catalogue.constants';
import { ResourceSummaryView } from '../../resources/dto/resource-response.dto';

/* Response shapes of the matching routes, for the typed web client; they validate nothing. */

export class SignalsView {
  @ApiProperty({ description: '意味の近さ（0〜1）' }) vector!: number;
  @ApiProperty({ description: 'キーワードの一致（0〜1）' }) lexical!: number;
  @ApiProperty({ description: '本人の条件への適合（-1〜1）' }) fit!: number;
}

export class SearchResultView {
  @ApiProperty({ type: ResourceSummaryView }) resource!: ResourceSummaryView;
  @ApiProperty() score!: number;
  @ApiProperty({ type: SignalsView }) signals!: SignalsView;
  @ApiProperty({ type: [String], description: '順位の理由（日本語）' }) reasons!: string[];
}

export class SearchResponse {
  @ApiProperty() model!: string;
  @ApiProperty() needsLong!: boolean;
  @ApiProperty() needsChunks!: number;
  @ApiProperty({ description: '合う資源が見つからなかった（未充足ニーズ）' }) unmet!: boolean;
  @ApiProperty({ type: [SearchResultView] }) results!: SearchResultView[];
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
  @ApiProperty({ type: [String] }) reasons!: string[];
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
