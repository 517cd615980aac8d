import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * Stored answers are kept a day (IdempotencyRepository); the reserve path only removes an expired key when the same
 * caller reuses it, so without this pass the table would grow with every creating request ever made.
 */
@Injectable()
export class IdempotencyReconciler implements OnModuleInit {
  constructor(
    private readonly registry: ReconcileRegistry,
    private readonly keys: IdempotencyRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'idempotencyKeysPurged', order: 90, run: () => this.keys.deleteExpired() });
  }
}
