import { ApiProperty } from '@nestjs/swagger';
import { ACCOMMODATION_CODES, DAYS, DEMAND_LEVELS, RESOURCE_STATUSES, RESOURCE_TYPES, REWARDS } from '../../common/catalogue.constants';

/* Response shapes of the resource routes (toResourceView), for the typed web client; they validate nothing. */

export class ScheduleSlotView {
  @ApiProperty({ enum: DAYS }) day!: string;
  @ApiProperty({ example: '10:00' }) start!: string;
  @ApiProperty({ example: '12:00' }) end!: string;
}

export class DemandsView {
  @ApiProperty({ enum: DEMAND_LEVELS }) talking!: string;
  @ApiProperty({ enum: DEMAND_LEVELS }) physical!: string;
  @ApiProperty({ enum: DEMAND_LEVELS }) literacy!: string;
}

export class OrganizationRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class ResourceEmbeddingView {
  @ApiProperty({ enum: ['pending', 'ready', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) model!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) embeddedAt!: Date | null;
}

export class ResourceView {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty({ type: OrganizationRef }) organization!: OrganizationRef;
  @ApiProperty({ enum: RESOURCE_TYPES }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) tasks!: string[];
  @ApiProperty() area!: string;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude!: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude!: number | null;
  @ApiProperty({ type: String, nullable: true }) nearestStation!: string | null;
  @ApiProperty({ type: Number, nullable: true }) accessMinutes!: number | null;
  @ApiProperty({ type: [ScheduleSlotView] }) schedule!: ScheduleSlotView[];
  @ApiProperty({ type: String, nullable: true }) frequencyNote!: string | null;
  @ApiProperty() capacity!: number;
  @ApiProperty() vacancies!: number;
  @ApiProperty({ enum: ACCOMMODATION_CODES, isArray: true }) accommodations!: string[];
  @ApiProperty({ type: DemandsView }) demands!: DemandsView;
  @ApiProperty({ enum: REWARDS }) reward!: string;
  @ApiProperty() acceptsOutsideEligibility!: boolean;
  @ApiProperty({ enum: RESOURCE_STATUSES }) status!: string;
  @ApiProperty({ type: ResourceEmbeddingView }) embedding!: ResourceEmbeddingView;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ResourcePage {
  @ApiProperty({ type: [ResourceView] }) items!: ResourceView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true, description: '次のページの cursor（これを cursor に渡す。最後のページでは null）' })
  nextCursor!: string | null;
  @ApiProperty({ description: 'true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数' })
  totalEstimated!: boolean;
}

/** What a search result shows of a resource (SUMMARY_FIELDS of resource.view.ts). */
export class ResourceSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: RESOURCE_TYPES }) type!: string;
  @ApiProperty({ example: '居場所' }) typeLabel!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ type: OrganizationRef }) organization!: OrganizationRef;
  @ApiProperty({ type: [ScheduleSlotView] }) schedule!: ScheduleSlotView[];
  @ApiProperty({ type: String, nullable: true }) frequencyNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) nearestStation!: string | null;
  @ApiProperty({ type: Number, nullable: true }) accessMinutes!: number | null;
  @ApiProperty() capacity!: number;
  @ApiProperty() vacancies!: number;
  @ApiProperty({ enum: ACCOMMODATION_CODES, isArray: true }) accommodations!: string[];
  @ApiProperty({ type: DemandsView }) demands!: DemandsView;
  @ApiProperty({ enum: REWARDS }) reward!: string;
}
