import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../api-token.entity';

export class SignInDto {
  @ApiProperty({ description: 'ログイン ID（メールアドレスまたはログイン名。大文字・小文字は区別しません）', example: 'demo-coordinator' })
  @IsString({ message: 'login は文字列です' })
  @Length(1, 254, { message: 'login は 1〜254 文字です' })
  login!: string;

  @ApiProperty({ description: 'パスワード', format: 'password' })
  @IsString({ message: 'password は文字列です' })
  @Length(1, 1024, { message: 'password は 1〜1024 文字です' })
  password!: string;
}

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '山田 花子' }) displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'host の受入先' }) organizationId!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'coordinator の担当地区（null は全地区）' }) areas!: string[] | null;
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ description: 'Cookie で認証する POST/PUT/PATCH/DELETE に X-CSRF-Token ヘッダーで付ける値' }) csrfToken!: string;
  @ApiProperty({ description: '操作がなければこの時刻にセッションが切れます（X-Background: 1 の要求は操作に数えません）' })
  idleExpiresAt!: Date;
  @ApiProperty({ description: '操作があってもこの時刻にセッションが切れます' }) absoluteExpiresAt!: Date;
}

export class MeDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '持ち主のない API トークン（ADMIN_TOKEN など）では null' })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true }) login!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organizationId!: string | null;
  @ApiProperty({ type: [String], nullable: true }) areas!: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: '通知用のメールアドレス（ログイン ID とは別）' }) email!: string | null;
  @ApiProperty({ description: '受入先の職員管理者（サインイン中は自団体の職員を招待できる）' }) organizationAdmin!: boolean;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: '招待・再設定リンク（invitationUrl）の最後の部分' })
  @IsString({ message: 'token は文字列です' })
  @MaxLength(200, { message: 'token が長すぎます' })
  token!: string;

  @ApiProperty({
    description:
      '新しいパスワード（12 文字以上。記号や数字を混ぜる必要はありません。よく使われるもの、ログイン ID を含むものは使えません）',
    format: 'password',
  })
  @IsString({ message: 'password は文字列です' })
  @Length(1, 1024, { message: 'password は 1〜1024 文字です' })
  password!: string;
}

export class AcceptedInvitationDto {
  @ApiProperty({ description: 'サインインに使うログイン ID' }) login!: string;
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional({ enum: ['active'] }) status!: 'active';
}
