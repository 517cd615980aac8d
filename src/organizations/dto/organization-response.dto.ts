import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEVELOPMENT_STATUSES, ORGANIZATION_KINDS } from '../../common/catalogue.constants';

/* Response shapes of the organisation routes, for the typed web client; they validate nothing. */

export class ContactView {
  @ApiPropertyOptional() person?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() email?: string;
}

export class OrganizationView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) area!: string | null;
  @ApiProperty({ type: ContactView }) contact!: ContactView;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ enum: DEVELOPMENT_STATUSES }) developmentStatus!: string;
  @ApiProperty({ enum: ['screen', 'import'], description: 'screen: この画面・API で登録 / import: 既存の一覧から取り込み' })
  origin!: string;
  @ApiProperty({ description: '集計で開拓（新規の受入先）として数えるか' }) developed!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class OrganizationPage {
  @ApiProperty({ type: [OrganizationView] }) items!: OrganizationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}
