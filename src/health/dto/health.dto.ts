import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One dependency's state. */
export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ description: 'down のときの理由（個人情報は含みません）' }) error?: string;
}

/** GET /health: 200 when the database, Redis and the embedding model are all usable, else 503 with the same shape. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['api', 'worker', 'all'] }) role!: string;
  @ApiProperty({ type: DependencyStatusDto }) database!: DependencyStatusDto;
  @ApiProperty({ type: DependencyStatusDto }) redis!: DependencyStatusDto;
  @ApiProperty({ description: '使っている埋め込みモデル（state: ready / fallback / loading / failed、名前、設定されたモデル）' })
  embeddingModel!: Record<string, unknown>;
  @ApiPropertyOptional({
    nullable: true,
    description:
      '最後に成功したバックアップ（lastSuccessAt, ageHours, sizeBytes, durationMs, lockedMs, schedule, warning?）。docs/backup.md',
  })
  backup!: Record<string, unknown> | null;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'このプロセスの検索用ベクトル索引（state: off / loading / ready / failed / too_large、model、rows、loadedAt、checkedAt）。' +
      '最初の検索で読み込まれ、変更は約 1 秒以内に反映されます。null: 使わない設定（SEARCH_VECTOR_INDEX=false）',
  })
  vectorIndex!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: '動作はしているが注意が必要なこと（代替モデルで動作中、バックアップが古いなど）' })
  warnings!: string[];
}
