import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganizationPage, OrganizationView } from './dto/organization-response.dto';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationService } from './organization.service';
import { Idempotent } from '../idempotency/idempotency.interceptor';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('api/v1/organizations')
export class OrganizationController {
  constructor(private readonly service: OrganizationService) {}

  @Post()
  @Idempotent()
  @Roles('admin', 'coordinator')
  @ApiOperation({ summary: '受入先（団体）を登録する' })
  @ApiCreatedResponse({ type: OrganizationView })
  create(@Body() dto: CreateOrganizationDto) {
    return this.service.create(dto);
  }

  @Get()
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '受入先の一覧（host は自団体のみ）' })
  @ApiOkResponse({ type: OrganizationPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListOrganizationsQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '受入先の詳細' })
  @ApiOkResponse({ type: OrganizationView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.service.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'coordinator', 'host')
  @ApiOperation({ summary: '受入先の情報を更新する（host は自団体のみ）' })
  @ApiOkResponse({ type: OrganizationView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.service.update(actor, id, dto);
  }
}
