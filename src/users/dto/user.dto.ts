import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../auth/api-token.entity';
import { PageQuery } from '../../common/pagination';
import { USER_STATUSES, type UserStatus } from '../../auth/user.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value);

export class CreateUserDto {
  @ApiProperty({
    description: 'ログイン ID：メールアドレスまたは自由なログイン名（空白なし、大文字・小文字は区別しません）',
    example: 'yamada@midori-shakyo.example.jp',
  })
  @Transform(trim)
  @IsString({ message: 'login は文字列です' })
  @Length(3, 254, { message: 'login は 3〜254 文字です' })
  @Matches(/^[^\s\p{Cc}]+$/u, { message: 'login に空白や制御文字は使えません' })
  login!: string;

  @ApiProperty({ description: '表示名（画面・記録に出る名前）', example: '山田 花子' })
  @Transform(trim)
  @IsString({ message: 'displayName は文字列です' })
  @Length(1, 100, { message: 'displayName は 1〜100 文字です' })
  displayName!: string;

  @ApiProperty({
    enum: ROLES,
    description: 'admin: 管理者 / coordinator: 参加支援コーディネーター / host: 受入先の職員 / viewer: 集計のみ',
  })
  @IsIn(ROLES as unknown as string[], { message: `role は ${ROLES.join(', ')} のいずれかです` })
  role!: Role;

  @ApiPropertyOptional({ description: 'host の受入先 id（host では必須、ほかの役割では指定できません）' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId は UUID で指定してください' })
  organizationId?: string;

  @ApiPropertyOptional({ type: [String], description: 'coordinator の担当地区（省略時は全地区）', example: ['中央'] })
  @IsOptional()
  @IsArray({ message: 'areas は文字列の配列です' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  areas?: string[];

  @ApiPropertyOptional({
    description: '通知・招待リンク送付用のメールアドレス（ログイン ID とは別。SMTP_URL 設定時は招待リンクをここへ送ります）',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email はメールアドレスの形式で指定してください' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    description: '受入先の職員管理者（host だけ）：サインインしている間、自団体の職員（host）を招待できます。省略時は false',
  })
  @IsOptional()
  @IsBoolean({ message: 'organizationAdmin は true または false です' })
  organizationAdmin?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({
    enum: ['active', 'disabled'],
    description: 'disabled: 直ちにサインイン中のセッションを終了し、持ち主である API トークンを失効させます',
  })
  @IsOptional()
  @IsIn(['active', 'disabled'], { message: 'status は active または disabled です' })
  status?: 'active' | 'disabled';

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'displayName は 1〜100 文字です' })
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email はメールアドレスの形式で指定してください' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'coordinator の担当地区（null で全地区）' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray({ message: 'areas は文字列の配列です' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  areas?: string[] | null;

  @ApiPropertyOptional({ description: '受入先の職員管理者にする・外す（host だけ、admin が変更）' })
  @IsOptional()
  @IsBoolean({ message: 'organizationAdmin は true または false です' })
  organizationAdmin?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES as unknown as string[], { message: `role は ${ROLES.join(', ')} のいずれかです` })
  role?: Role;
  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES as unknown as string[], { message: 'status は invited, active, disabled のいずれかです' })
  status?: UserStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'organizationId は UUID で指定してください' }) organizationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() login!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organizationId!: string | null;
  @ApiProperty({ type: [String], nullable: true }) areas!: string[] | null;
  @ApiProperty({ description: '受入先の職員管理者（自団体の職員を招待できる）' }) organizationAdmin!: boolean;
  @ApiProperty({ enum: USER_STATUSES, description: 'invited: パスワード未設定 / active: 利用中 / disabled: 無効' }) status!: UserStatus;
  @ApiProperty({ type: Date, nullable: true }) lastSignInAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class InvitationLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty({
    description: '本人に渡す 1 回限りのリンク（この応答でだけ表示されます）。最後の部分が POST /api/v1/invitations/accept の token',
  })
  invitationUrl!: string;
  @ApiProperty({ enum: ['invite', 'reset'], description: 'invite: 初めてのパスワード設定 / reset: パスワード再設定' }) purpose!:
    'invite' | 'reset';
  @ApiProperty({ description: 'リンクの有効期限（発行から 72 時間）' }) invitationExpiresAt!: Date;
  @ApiProperty({ description: 'SMTP_URL が設定され、利用者にメールアドレスがあるとき、リンクをメールでも送った' }) emailed!: boolean;
}
