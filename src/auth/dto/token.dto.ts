import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../api-token.entity';

/** A token as listed: never its secret. */
export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organizationId!: string | null;
  @ApiProperty({ type: [String], nullable: true }) areas!: string[] | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'このトークンが代理する利用者' }) userId!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) expiresAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: '最後に使われた日時' }) lastUsedAt!: Date | null;
}

/** The answer to creating a token: the only time the secret is shown. */
export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: '秘密の値（この応答でだけ表示されます。保存されるのはハッシュだけ）' }) token!: string;
}
