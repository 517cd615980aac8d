import type {} from 'multer';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ParseIdPipe } from '../common/id.pipe';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles, type Actor } from '../auth/actor';
import { AppException } from '../common/app.exception';
import { exportCsv, exportXlsx } from './catalogue-export';
import { CatalogueRepository } from './catalogue.repository';
import { CommitImportDto, ExportQuery, ImportDto, ImportStartedDto, StartImportDto } from './dto/import.dto';
import type { ImportFormat } from './import.repository';
import { IMPORT_FIELD_NAMES, IMPORT_FIELDS } from './import.columns';
import { ImportService } from './import.service';

const EMPTY_SUMMARY = { create: 0, update: 0, unchanged: 0, refused: 0, warnings: 0 };
/** The fields a column can be mapped to, named as the template's headers name them. */
const MAPPABLE_FIELDS = IMPORT_FIELD_NAMES.map((name) => ({ name, label: IMPORT_FIELDS[name][0] }));

/** 20 MB: a 社協's list with photos pasted in still fits; more is refused before it is read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

@ApiTags('catalogue-import')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1')
@Roles('admin', 'coordinator')
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly catalogue: CatalogueRepository,
  ) {}

  @Post('imports')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiOperation({
    summary: '社会資源リスト（.xlsx / .csv）または HSDS データセット（JSON）の取り込みを始める（まだ登録しない）',
    description:
      'multipart の file にファイル（20 MB まで）。CSV は UTF-8（BOM の有無を問わず）または Shift_JIS。読み込みと照合は裏で行われ、' +
      'GET /api/v1/imports/{id} で進み具合とプレビュー（作成・更新・変更なし・取り込めない行と、その理由）を確認してから確定します。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        format: { type: 'string', enum: ['xlsx', 'csv', 'hsds'] },
        mapping: { type: 'string', description: '{"見出し": "項目名" | null} の JSON' },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  async start(@CurrentActor() actor: Actor, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: StartImportDto) {
    if (!file || !file.size) throw AppException.validation('file', 'ファイルを file 欄で送ってください（.xlsx、.csv、HSDS の .json）');
    const format = body.format ?? detectFormat(file.originalname, file.buffer);
    if (!format) {
      throw AppException.validation(
        'file',
        `ファイル「${file.originalname}」の形式が分かりません。.xlsx、.csv、.json（HSDS）のどれかにしてください`,
      );
    }
    let mapping: Record<string, string | null> | null = null;
    if (body.mapping) {
      try {
        mapping = JSON.parse(body.mapping);
      } catch {
        throw AppException.validation('mapping', 'mapping は {"見出し": "項目名"} の形の JSON にしてください');
      }
      if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) {
        throw AppException.validation('mapping', 'mapping は {"見出し": "項目名"} の形の JSON にしてください');
      }
    }
    return this.imports.start(actor, format, Buffer.from(file.originalname, 'latin1').toString('utf8'), file.buffer, mapping);
  }

  @Get('imports/:id')
  @ApiOperation({ summary: '取り込みの状態・進み具合・プレビュー（行ごとの作成・更新・取り込めない理由）' })
  @ApiOkResponse({ type: ImportDto })
  async get(@Param('id', ParseIdPipe) id: string) {
    const state = await this.imports.get(id);
    return {
      id: state.id,
      format: state.format,
      filename: state.filename,
      status: state.status,
      progress: state.progress,
      summary: { ...EMPTY_SUMMARY, ...(state.summary as object) },
      details: state.details,
      error: state.error,
      rows: state.rows.map((r) => ({
        row: r.row,
        action: r.action,
        title: r.title,
        host: r.host,
        messages: r.messages,
        match: r.match,
        changes: r.changes ?? [],
      })),
      fields: MAPPABLE_FIELDS,
    };
  }

  @Post('imports/:id/commit')
  @HttpCode(202)
  @ApiOperation({
    summary: 'プレビューした取り込みを確定する（一つのトランザクション）',
    description:
      'mode: all はすべての行（取り込めない行があれば 409）、valid_only は取り込める行だけ。確定は裏で行われ、状態は committed になります。',
  })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  async commit(@Param('id', ParseIdPipe) id: string, @Body() body: CommitImportDto) {
    const state = await this.imports.commit(id, body.mode);
    return { id: state.id, status: state.status };
  }

  @Get('catalogue/export')
  @ApiOperation({
    summary: 'カタログ全体を取り込み用テンプレートの形で書き出す（xlsx / csv）',
    description:
      '書き出したファイルを Excel で直して取り込むと、直した行だけが更新になります。データのない 1 行目だけのファイルはテンプレートとして使えます。',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'xlsx または csv のファイル', schema: { type: 'string', format: 'binary' } })
  async export(@Query() query: ExportQuery, @Res({ passthrough: true }) res: Response) {
    const rows = await this.catalogue.all();
    const date = new Date().toISOString().slice(0, 10);
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="catalogue-${date}.csv"`);
      return exportCsv(rows);
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="catalogue-${date}.xlsx"`);
    return new StreamableFile(await exportXlsx(rows));
  }

  @Get('catalogue/template')
  @ApiOperation({ summary: '取り込み用テンプレート（見出しだけの xlsx / csv）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'xlsx または csv のファイル', schema: { type: 'string', format: 'binary' } })
  async template(@Query() query: ExportQuery, @Res({ passthrough: true }) res: Response) {
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="catalogue-template.csv"');
      return exportCsv([]);
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="catalogue-template.xlsx"');
    return new StreamableFile(await exportXlsx([]));
  }
}

function detectFormat(name: string, file: Buffer): ImportFormat | null {
  if (/\.xlsx$/i.test(name) || file.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return 'xlsx';
  if (/\.json$/i.test(name)) return 'hsds';
  if (/\.(csv|txt|tsv)$/i.test(name)) return 'csv';
  const head = file
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'hsds';
  return null;
}
