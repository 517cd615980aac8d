import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/actor';
import { HealthDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Get()
  @Public()
  @SkipThrottle()
  @ApiOperation({ summary: 'データベース・Redis・埋め込みモデルの状態（すべて使えるとき 200、それ以外は 503）' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'どれかが使えないとき（理由つき）' })
  async health(@Res({ passthrough: true }) response: Response) {
    const { healthy, body } = await this.service.check();
    response.status(healthy ? 200 : 503);
    return body;
  }
}
