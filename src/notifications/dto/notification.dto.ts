import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS } from '../notification.kinds';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    description:
      '確認日・記録の期限超過・最終確認（終結か延長かの判断）・緊急の懸念・受入先が見学／体験の日付を決めた・受入先が確認日の様子を記録した',
  })
  kind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) placementId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) checkpointId!: string | null;
  @ApiProperty({ description: '通知の文面（本人の仮名と受入先の名前を含む）' }) message!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true, description: '自分が既読にした日時（ほかの人の既読は影響しません）' }) readAt!: Date | null;
}
