import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { ApiTokenController } from './auth/api-token.controller';
import { ApiTokenRepository } from './auth/api-token.repository';
import { ApiTokenService } from './auth/api-token.service';
import { AccountAuditLog } from './auth/account-audit';
import { AuthGuard } from './auth/auth.guard';
import { BackupModule } from './backup/backup.module';
import { OrganizationDirectory } from './auth/organization-directory';
import { rateLimitOptions } from './auth/rate-limit';
import { InvitationRepository } from './auth/invitation.repository';
import { InvitationService } from './auth/invitation.service';
import { MailRepository } from './auth/mail.repository';
import { SessionController } from './auth/session.controller';
import { SessionRepository } from './auth/session.repository';
import { SessionService } from './auth/session.service';
import { SignInThrottleRepository } from './auth/sign-in-throttle.repository';
import { UserController } from './users/user.controller';
import { WebSettingsController } from './resources/web-settings.controller';
import { UserRepository } from './auth/user.repository';
import { UserService } from './users/user.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { TransactionRunner } from './database/transaction.runner';
import { DemoDataService } from './demo/demo-data.service';
import { FollowUpPlacementService } from './follow-up/follow-up-placement.service';
import { FollowUpController } from './follow-up/follow-up.controller';
import { FollowUpCalendarController } from './follow-up/follow-up-calendar.controller';
import { CalendarFeedRepository } from './follow-up/calendar-feed.repository';
import { CalendarFeedService } from './follow-up/calendar-feed.service';
import { DigestRepository } from './follow-up/digest.repository';
import { MorningDigestService } from './follow-up/morning-digest.service';
import { BusinessCalendar } from './calendar/business-calendar';
import { FollowUpRepository } from './follow-up/follow-up.repository';
import { FollowUpService } from './follow-up/follow-up.service';
import { WorklistController } from './follow-up/worklist.controller';
import { WorklistRepository } from './follow-up/worklist.repository';
import { WorklistService } from './follow-up/worklist.service';
import { NotificationController } from './notifications/notification.controller';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationService } from './notifications/notification.service';
import { WebhookRepository } from './notifications/webhook.repository';
import { FollowUpProcessor } from './follow-up/follow-up.processor';
import { DeploymentClaim, DeploymentClaimRepository } from './jobs/deployment-claim';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyReconciler } from './idempotency/idempotency.reconciler';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { EmbeddingStateRepository } from './matching/embedding-state.repository';
import { PlannerStatisticsReconciler } from './database/planner-statistics.reconciler';
import { PlannerStatisticsRepository } from './database/planner-statistics.repository';
import { ParticipantController } from './participants/participant.controller';
import { ParticipantRepository } from './participants/participant.repository';
import { ParticipantService } from './participants/participant.service';
import { PlacementController } from './placements/placement.controller';
import { PlacementRepository } from './placements/placement.repository';
import { PlacementService } from './placements/placement.service';
import { PlacementFollowUp } from './placements/placement-follow-up';
import { PlacementViews } from './placements/placement.views';
import { PlanController } from './plans/plan.controller';
import { PlanRepository } from './plans/plan.repository';
import { PlanService } from './plans/plan.service';
import { HealthController } from './health/health.controller';
import { HealthRepository } from './health/health.repository';
import { HealthService } from './health/health.service';
import { EmbeddingProcessor } from './matching/embedding.processor';
import { QueueName } from './jobs/job.constants';
import { JobRepository } from './jobs/job.repository';
import { MaintenanceProcessor } from './jobs/maintenance.processor';
import { ReconcileRegistry } from './jobs/reconcile.registry';
import { ReconcileScheduler } from './jobs/reconcile.scheduler';
import { redisConnection } from './jobs/redis-connection';
import { EmbeddingModelRepository } from './matching/embedding-model.repository';
import { EmbeddingReconciler } from './matching/embedding.reconciler';
import { EmbeddingService } from './matching/embedding.service';
import { JapaneseTokenizer } from './common/japanese/tokenizer';
import { TextIndexRepository } from './matching/text-index.repository';
import { TextReindexService } from './matching/text-reindex.service';
import { Clock } from './common/clock';
import { httpLogOptions } from './common/http-log';
import { MatchController } from './matching/match.controller';
import { UnmetNeedController } from './matching/unmet-need.controller';
import { UnmetNeedRepository } from './matching/unmet-need.repository';
import { MatchRepository } from './matching/match.repository';
import { ResourceVectorIndex } from './matching/resource-vector-index';
import { VectorIndexRepository } from './matching/vector-index.repository';
import { MatchService } from './matching/match.service';
import { OutcomeRepository } from './matching/outcome.repository';
import { OutcomeService } from './matching/outcome.service';
import { NeedsUnderstanding } from './matching/understanding/needs-understanding';
import { OrganizationController } from './organizations/organization.controller';
import { OrganizationRepository } from './organizations/organization.repository';
import { OrganizationService } from './organizations/organization.service';
import { ReportController } from './reports/report.controller';
import { ReportDrillDownService } from './reports/report-drill-down.service';
import { ReportRecordsRepository } from './reports/report-records.repository';
import { ReportRepository } from './reports/report.repository';
import { ReportSnapshotTask } from './reports/report-snapshot.task';
import { ReportService } from './reports/report.service';
import { ResourceController } from './resources/resource.controller';
import { ResourceRepository } from './resources/resource.repository';
import { ResourceService } from './resources/resource.service';
import { CatalogueRepository } from './catalogue-import/catalogue.repository';
import { ImportController } from './catalogue-import/import.controller';
import { ImportProcessor, ImportReconciler } from './catalogue-import/import.processor';
import { ImportRepository } from './catalogue-import/import.repository';
import { ImportService } from './catalogue-import/import.service';
import { HsdsController } from './hsds/hsds.controller';
import { HsdsRepository } from './hsds/hsds.repository';

const controllers = [
  HealthController,
  ApiTokenController,
  OrganizationController,
  ResourceController,
  MatchController,
  UnmetNeedController,
  ParticipantController,
  PlacementController,
  PlanController,
  FollowUpController,
  FollowUpCalendarController,
  WorklistController,
  NotificationController,
  ReportController,
  AuditController,
  SessionController,
  UserController,
  WebSettingsController,
  ImportController,
  HsdsController,
];
const repositories = [
  ApiTokenRepository,
  OrganizationRepository,
  ResourceRepository,
  MatchRepository,
  VectorIndexRepository,
  JobRepository,
  HealthRepository,
  EmbeddingModelRepository,
  EmbeddingStateRepository,
  ParticipantRepository,
  UnmetNeedRepository,
  PlacementRepository,
  PlanRepository,
  FollowUpRepository,
  WorklistRepository,
  ReportRepository,
  ReportRecordsRepository,
  AuditRepository,
  TransactionRunner,
  WebhookRepository,
  NotificationRepository,
  PlannerStatisticsRepository,
  TextIndexRepository,
  IdempotencyRepository,
  IdempotencyReconciler,
  DeploymentClaimRepository,
  UserRepository,
  SessionRepository,
  InvitationRepository,
  SignInThrottleRepository,
  MailRepository,
  CalendarFeedRepository,
  DigestRepository,
  ImportRepository,
  CatalogueRepository,
  HsdsRepository,
  OutcomeRepository,
];
const services = [
  ApiTokenService,
  OrganizationService,
  ResourceService,
  MatchService,
  OutcomeService,
  NeedsUnderstanding,
  EmbeddingService,
  HealthService,
  ReconcileRegistry,
  ReconcileScheduler,
  DemoDataService,
  JapaneseTokenizer,
  ParticipantService,
  PlacementService,
  PlanService,
  PlacementViews,
  FollowUpService,
  FollowUpPlacementService,
  WorklistService,
  NotificationService,
  ReportService,
  ReportDrillDownService,
  AuditService,
  ReportSnapshotTask,
  EmbeddingReconciler,
  PlannerStatisticsReconciler,
  TextReindexService,
  Clock,
  BusinessCalendar,
  CalendarFeedService,
  MorningDigestService,
  DeploymentClaim,
  SessionService,
  InvitationService,
  UserService,
  ImportService,
  ImportReconciler,
];
/** Queue consumers: only in processes with ROLE=worker or all. */
const processors = [EmbeddingProcessor, FollowUpProcessor, MaintenanceProcessor, ImportProcessor];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const providers: Provider[] = [
      { provide: AppConfig, useValue: config },
      // Order matters: the rate limit applies before any token lookup.
      { provide: APP_GUARD, useClass: ThrottlerGuard },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ...repositories,
      ...services,
      // Placements ask follow-up through this port, so that placements/ does not import follow-up/.
      { provide: PlacementFollowUp, useExisting: FollowUpService },
      { provide: OrganizationDirectory, useExisting: OrganizationRepository },
      { provide: AccountAuditLog, useExisting: AuditService },
      ...(config.runsWorker ? processors : []),
      // Loaded at the first search only, so a worker process never holds it (MatchRepository takes it as optional).
      ...(config.searchVectorIndex ? [ResourceVectorIndex] : []),
    ];
    return {
      module: AppModule,
      imports: [
        // Credentials redacted, secret path segments written as [secret], no bodies (src/common/http-log.ts).
        LoggerModule.forRoot({ pinoHttp: httpLogOptions(config.logLevel) }),
        ThrottlerModule.forRoot(rateLimitOptions(config)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        BullModule.forRoot({ connection: redisConnection(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue(
          { name: QueueName.Embedding },
          { name: QueueName.FollowUp },
          { name: QueueName.Maintenance },
          { name: QueueName.CatalogueImport },
        ),
        BackupModule.forRoot(config), // nightly backup job + status for /health (src/backup/)
      ],
      controllers: config.runsApi ? controllers : [HealthController],
      providers,
    };
  }
}
