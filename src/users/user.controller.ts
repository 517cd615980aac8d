import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { ParseIdPipe } from '../common/id.pipe';
import { CreateUserDto, InvitationLinkDto, ListUsersQuery, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { StaffAdminGuard } from './staff-admin.guard';
import { UserService } from './user.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/users')
@Roles('admin')
export class UserController {
  constructor(private readonly service: UserService) {}

  @Post()
  @Roles('admin', 'host')
  @UseGuards(StaffAdminGuard)
  @ApiOperation({
    summary: '利用者（職員）を作成し、1 回限りの招待リンクを発行する（リンクはこの応答でだけ表示。72 時間有効）',
    description:
      'admin はすべての役割を作成できます。受入先の職員管理者（organizationAdmin の host、サインイン中のみ）は' +
      '自団体の職員（role: host、organizationId は省略可）だけを招待できます。ほかの host は 403',
  })
  @ApiCreatedResponse({ type: InvitationLinkDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<InvitationLinkDto> {
    return this.service.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: '利用者の一覧' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery) {
    return this.service.list(query);
  }

  @Patch(':id')
  @ApiOperation({ summary: '利用者を更新する。status: disabled で直ちにセッションを終了し、その人の API トークンを失効させる' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.service.update(id, dto, actor);
  }

  @Post(':id/invitation')
  @HttpCode(201)
  @ApiOperation({
    summary: '新しいリンクを発行する（パスワード未設定なら招待、設定済みならパスワード再設定）。それまでの未使用リンクは使えなくなる',
  })
  @ApiCreatedResponse({ type: InvitationLinkDto })
  issueLink(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<InvitationLinkDto> {
    return this.service.issueLink(id, actor);
  }
}
