import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../api-token.entity';

export class CreateTokenDto {
  @ApiProperty({ description: 'トークンの名前（誰・何に渡すか）', example: 'みどり社協 参加支援担当' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: ROLES,
    description: 'admin: 全権限 / coordinator: 参加支援コーディネーター / host: 受入先（1 団体に限定） / viewer: 集計のみ',
  })
  @IsIn(ROLES as unknown as string[], { message: `role は ${ROLES.join(', ')} のいずれかです` })
  role!: Role;

  @ApiPropertyOptional({ description: 'host トークンの受入先 id' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId は UUID で指定してください' })
  organizationId?: string;

  @ApiPropertyOptional({ description: '有効期限（ISO 8601）', example: '2027-03-31T23:59:59+09:00' })
  @IsOptional()
  @IsISO8601({}, { message: 'expiresAt は ISO 8601 の日時で指定してください' })
  expiresAt?: string;

  @ApiPropertyOptional({ type: [String], description: 'coordinator を担当地区に限定する（省略時は全地区）', example: ['中央', '東部'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  areas?: string[];
}
