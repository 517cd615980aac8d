import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/actor';
import { AppConfig } from '../config/app-config';

export class WebSettingsDto {
  @ApiProperty({ description: 'この日数より前に更新された受入枠について、受入先に内容の確認を促す（HOST_STALE_DAYS）', example: 30 })
  hostStaleDays!: number;
}

/** Settings the web app works by (no secrets), from the validated configuration; today the catalogue's staleness reminder. */
@ApiTags('web')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/web-settings')
@Roles('admin', 'coordinator', 'host', 'viewer')
export class WebSettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: '画面の設定（受入枠の更新を促すまでの日数など）' })
  @ApiOkResponse({ type: WebSettingsDto })
  get(): WebSettingsDto {
    return { hostStaleDays: this.config.hostStaleDays };
  }
}
