import { Controller, Get, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/id.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PublicWhen, Roles } from '../auth/actor';
import { AppException } from '../common/app.exception';
import { HSDS_VERSION, hsdsPage, TAXONOMY, TAXONOMY_TERMS, toHsdsOrganization, toHsdsService } from './hsds.mapper';
import { HsdsRepository } from './hsds.repository';

export class HsdsPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page は 1 以上の整数です' })
  @Min(1, { message: 'page は 1 以上の整数です' })
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'per_page は 1〜1000 の整数です' })
  @Min(1, { message: 'per_page は 1〜1000 の整数です' })
  @Max(1000, { message: 'per_page は 1〜1000 の整数です' })
  per_page: number = 50;
}

/** HSDS 3.1 page of objects (the schema of the contents is the official one, see docs/hsds.md). */
class HsdsPageDto {
  @ApiPropertyOptional() total_items!: number;
  @ApiPropertyOptional() total_pages!: number;
  @ApiPropertyOptional() page_number!: number;
  @ApiPropertyOptional() size!: number;
  @ApiPropertyOptional() first_page!: boolean;
  @ApiPropertyOptional() last_page!: boolean;
  @ApiPropertyOptional() empty!: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) contents!: object[];
}

class HsdsObjectDto {
  @ApiPropertyOptional() id!: string;
  @ApiPropertyOptional() name!: string;
}

/**
 * Open Referral HSDS 3.1, read-only, for partners (city, neighbouring 社協, directory services). With
 * HSDS_PUBLIC=true it answers without credentials, to publish the catalogue as open data.
 */
@ApiTags('hsds')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/hsds')
@Roles('admin', 'coordinator', 'viewer')
@PublicWhen('hsdsPublic')
export class HsdsController {
  constructor(private readonly hsds: HsdsRepository) {}

  @Get()
  @ApiOperation({ summary: 'HSDS の版と、このサービスの分類（taxonomy）' })
  @ApiOkResponse({ type: HsdsObjectDto })
  about() {
    return { version: HSDS_VERSION, profile: 'https://openreferral.org/hsds/3.1', taxonomy: TAXONOMY };
  }

  @Get('services')
  @ApiOperation({ summary: 'HSDS services（資源）の一覧。page / per_page で頁送り' })
  @ApiOkResponse({ type: HsdsPageDto })
  async services(@Query() q: HsdsPageQuery) {
    const { items, total } = await this.hsds.services((q.page - 1) * q.per_page, q.per_page);
    return hsdsPage(
      items.map((r) => toHsdsService(r)),
      total,
      q.page,
      q.per_page,
    );
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'HSDS service 一件（location・schedule・service_capacity・attribute を含む）' })
  @ApiOkResponse({ type: HsdsObjectDto })
  async service(@Param('id', ParseIdPipe) id: string) {
    const r = await this.hsds.service(id);
    if (!r) throw AppException.notFound('サービス', id);
    const { items } = await this.hsds.organizations(0, 1, [r.organizationId]);
    return toHsdsService(r, items[0]);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'HSDS organizations（受入先）の一覧。page / per_page で頁送り' })
  @ApiOkResponse({ type: HsdsPageDto })
  async organizations(@Query() q: HsdsPageQuery) {
    const { items, total } = await this.hsds.organizations((q.page - 1) * q.per_page, q.per_page);
    return hsdsPage(
      items.map((o) => toHsdsOrganization(o, false)),
      total,
      q.page,
      q.per_page,
    );
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'HSDS organization 一件（その services を含む）' })
  @ApiOkResponse({ type: HsdsObjectDto })
  async organization(@Param('id', ParseIdPipe) id: string) {
    const { items } = await this.hsds.organizations(0, 1, [id]);
    if (!items[0]) throw AppException.notFound('団体', id);
    const services = await this.hsds.organizationServices(id);
    return { ...toHsdsOrganization(items[0]), services: services.map((s) => toHsdsService(s)) };
  }

  @Get('taxonomy_terms')
  @ApiOperation({ summary: 'このサービスの分類の語（taxonomy_term）' })
  @ApiOkResponse({ type: HsdsPageDto })
  taxonomyTerms() {
    return hsdsPage(TAXONOMY_TERMS, TAXONOMY_TERMS.length, 1, TAXONOMY_TERMS.length);
  }

  @Get('dataset')
  @ApiOperation({ summary: 'カタログ全体を HSDS JSON のデータセットとして書き出す（organizations に services を含む・taxonomy 付き）' })
  @ApiOkResponse({ type: HsdsObjectDto })
  async dataset() {
    const { items: organizations } = await this.hsds.organizations(0, 1_000_000);
    const { items: services } = await this.hsds.services(0, 1_000_000);
    const byOrg = new Map<string, typeof services>();
    for (const s of services) byOrg.set(s.organizationId, [...(byOrg.get(s.organizationId) ?? []), s]);
    return {
      version: HSDS_VERSION,
      taxonomies: [TAXONOMY],
      taxonomy_terms: TAXONOMY_TERMS,
      organizations: organizations.map((o) => ({
        ...toHsdsOrganization(o),
        services: (byOrg.get(o.id) ?? []).map((s) => toHsdsService(s)),
      })),
    };
  }
}
