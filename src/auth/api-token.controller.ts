import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ParseIdPipe } from '../common/id.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from './actor';
import { ApiTokenService } from './api-token.service';
import { CreateTokenDto } from './dto/create-token.dto';
import { ApiTokenDto, CreatedApiTokenDto } from './dto/token.dto';

@ApiTags('tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/tokens')
@Roles('admin')
export class ApiTokenController {
  constructor(private readonly service: ApiTokenService) {}

  @Post()
  @ApiOperation({ summary: 'トークンを発行する（秘密の値はこの応答でだけ表示されます）' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(@Body() dto: CreateTokenDto) {
    return this.service.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'トークンの一覧（秘密の値は含みません）' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list() {
    return this.service.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'トークンを失効させる（即時に有効）' })
  async revoke(@Param('id', ParseIdPipe) id: string) {
    await this.service.revoke(id);
  }
}
