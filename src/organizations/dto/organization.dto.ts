import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { NestedObject } from '../../common/validators';
import { DEVELOPMENT_STATUSES, ORGANIZATION_KINDS, type DevelopmentStatus, type OrganizationKind } from '../../common/catalogue.constants';

export class ContactDto {
  @ApiPropertyOptional({ example: '担当 山田' }) @IsOptional() @IsString() @MaxLength(100) person?: string;
  @ApiPropertyOptional({ example: '0000-00-0000' }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ example: 'info@example.jp' })
  @IsOptional()
  @IsEmail({}, { message: 'contact.email はメールアドレスの形式で指定してください' })
  email?: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'NPO法人みどりの木' }) @IsString() @Length(1, 200, { message: 'name は 1〜200 文字です' }) name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS as unknown as string[], { message: `kind は ${ORGANIZATION_KINDS.join(', ')} のいずれかです` })
  kind!: OrganizationKind;

  @ApiPropertyOptional({ example: '社団法人（旧制度）', description: 'kind が other のときの種別の名前', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  kindLabel?: string;

  @ApiPropertyOptional({ example: '中央', description: '市町村が使う地区名', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  area?: string;

  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @NestedObject(() => ContactDto) contact?: ContactDto;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiPropertyOptional({ enum: DEVELOPMENT_STATUSES, description: 'developing 開拓中 / accepting 受入可 / suspended 休止' })
  @IsOptional()
  @IsIn(DEVELOPMENT_STATUSES as unknown as string[], { message: `developmentStatus は ${DEVELOPMENT_STATUSES.join(', ')} のいずれかです` })
  developmentStatus?: DevelopmentStatus;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {
  @ApiPropertyOptional({
    description:
      '集計で開拓（新規の受入先・資源）として数えるか。一覧の取り込みで登録した受入先は false。本当に開拓した受入先なら true にする（その受入先の取り込んだ資源も同じ）。支援員と管理者だけが変えられます',
  })
  @IsOptional()
  @IsBoolean({ message: 'developed は true か false です' })
  developed?: boolean;
}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS }) @IsOptional() @IsIn(ORGANIZATION_KINDS as unknown as string[]) kind?: OrganizationKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) area?: string;
  @ApiPropertyOptional({ enum: DEVELOPMENT_STATUSES, description: '開拓の状況（developing 開拓中 は受入先の開拓のフォロー用）' })
  @IsOptional()
  @IsIn(DEVELOPMENT_STATUSES as unknown as string[], { message: `developmentStatus は ${DEVELOPMENT_STATUSES.join(', ')} のいずれかです` })
  developmentStatus?: DevelopmentStatus;
  @ApiPropertyOptional({ description: '名前の部分一致' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
