import { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants with consent, placements with their events, fixed-length follow-up, notifications. */
export class Placements1764100000000 implements MigrationInterface {
  name = 'Placements1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        real_name text,
        age_band text,
        area text NOT NULL,
        household_note text,
        referral_route text NOT NULL DEFAULT 'other'
          CHECK (referral_route IN ('hospital', 'school', 'care_manager', 'family', 'outreach', 'self', 'other')),
        readiness_stage text CHECK (readiness_stage IN ('daily_living', 'social_life', 'employment')),
        needs text NOT NULL,
        strengths text,
        considerations_for_host text,
        health_note text,
        disability_note text,
        criminal_record_note text,
        constraints jsonb NOT NULL DEFAULT '{}'::jsonb,
        coordinator_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        consent_status text NOT NULL DEFAULT 'not_obtained' CHECK (consent_status IN ('not_obtained', 'obtained', 'withdrawn')),
        consent_date date,
        consent_method text,
        consent_scope text[] NOT NULL DEFAULT '{}',
        needs_hash text NOT NULL DEFAULT '',
        needs_embedding vector(384),
        embedding_model text,
        embedding_status text NOT NULL DEFAULT 'pending' CHECK (embedding_status IN ('pending', 'ready', 'failed')),
        embedding_error text,
        embedded_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX participants_created_at_idx ON participants (created_at)`);
    await q.query(`CREATE INDEX participants_coordinator_idx ON participants (coordinator_id)`);
    await q.query(`CREATE INDEX participants_embedding_pending_idx ON participants (embedding_status) WHERE embedding_status <> 'ready'`);
    await q.query(`
      CREATE TABLE consent_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        status text NOT NULL,
        method text,
        scope text[] NOT NULL DEFAULT '{}',
        actor_token_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_events_recorded_at_idx ON consent_events (recorded_at)`);
    await q.query(`
      CREATE TABLE placements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE RESTRICT,
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE RESTRICT,
        coordinator_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'visit', 'trial', 'active', 'closed')),
        outcome text CHECK (outcome IN ('settled', 'withdrew', 'host_declined', 'rematched', 'other')),
        rematched_to uuid REFERENCES placements (id),
        holds_vacancy boolean NOT NULL DEFAULT false,
        note text,
        visit_date date,
        trial_date date,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        active_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT placements_outcome_when_closed CHECK ((state = 'closed') = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX placements_participant_idx ON placements (participant_id)`);
    await q.query(`CREATE INDEX placements_resource_idx ON placements (resource_id)`);
    await q.query(`CREATE INDEX placements_coordinator_state_idx ON placements (coordinator_id, state)`);
    await q.query(`CREATE INDEX placements_proposed_at_idx ON placements (proposed_at)`);
    await q.query(`
      CREATE TABLE placement_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        from_state text,
        to_state text NOT NULL,
        outcome text,
        note text,
        actor_token_id uuid,
        actor_role text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX placement_events_placement_idx ON placement_events (placement_id, occurred_at)`);
    await q.query(`CREATE INDEX placement_events_occurred_at_idx ON placement_events (occurred_at, to_state)`);
    await q.query(`
      CREATE TABLE follow_up_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        sequence integer NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        length_days integer NOT NULL CHECK (length_days BETWEEN 1 AND 730),
        checkpoint_days integer[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (placement_id, sequence)
      )`);
    await q.query(`
      CREATE TABLE follow_up_checkpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES follow_up_plans (id) ON DELETE CASCADE,
        day_offset integer NOT NULL,
        due_on date NOT NULL,
        due_at timestamptz NOT NULL,
        overdue_at timestamptz NOT NULL,
        is_final boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'due', 'overdue', 'done', 'cancelled')),
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX follow_up_checkpoints_open_idx ON follow_up_checkpoints (due_at) WHERE status IN ('scheduled', 'due')`);
    await q.query(`CREATE INDEX follow_up_checkpoints_placement_idx ON follow_up_checkpoints (placement_id, due_on)`);
    await q.query(`
      CREATE TABLE checkins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
        checkpoint_id uuid REFERENCES follow_up_checkpoints (id),
        date date NOT NULL,
        attendance text NOT NULL CHECK (attendance IN ('attended', 'late', 'absent_notified', 'absent')),
        wellbeing integer NOT NULL CHECK (wellbeing BETWEEN 1 AND 5),
        host_feedback text,
        note text,
        concern text NOT NULL DEFAULT 'none' CHECK (concern IN ('none', 'watch', 'urgent')),
        actor_token_id uuid,
        actor_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX checkins_placement_idx ON checkins (placement_id, date)`);
    await q.query(`CREATE INDEX checkins_created_at_idx ON checkins (created_at)`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        kind text NOT NULL,
        placement_id uuid REFERENCES placements (id) ON DELETE CASCADE,
        checkpoint_id uuid REFERENCES follow_up_checkpoints (id) ON DELETE CASCADE,
        message text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_token_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'checkins',
      'follow_up_checkpoints',
      'follow_up_plans',
      'placement_events',
      'placements',
      'consent_events',
      'participants',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
