import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People instead of tokens: users, browser sessions, invitation/reset links, sign-in lockout state,
 * token owners, and the acting user beside every token reference.
 *
 * Existing data: every existing API token gets a user of its own WITH THE TOKEN'S ID as the user's id
 * (login `token-<id>`, display name = token name, same role/organisation/areas; `disabled` when the token
 * was revoked, otherwise `invited` until an admin sends the person a link). So each old token reference
 * (coordinator_id, recipient_token_id, actor_token_id) maps to the user id by identity, nothing is guessed,
 * and the old columns stay as they were. audit_log is append-only and is not rewritten: its old rows
 * resolve token_id -> api_tokens.user_id when read.
 */
export class Accounts1764700000000 implements MigrationInterface {
  name = 'Accounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL CHECK (length(login) BETWEEN 1 AND 254),
        email text CHECK (length(email) <= 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'host', 'viewer')),
        organization_id uuid REFERENCES organizations (id) ON DELETE RESTRICT,
        areas text[],
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
        password_hash text,
        password_changed_at timestamptz,
        last_sign_in_at timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_host_has_organization CHECK ((role = 'host') = (organization_id IS NOT NULL)),
        CONSTRAINT users_active_has_password CHECK (status <> 'active' OR password_hash IS NOT NULL)
      )`);
    // Logins are compared case-insensitively (an e-mail address or a free name).
    await q.query(`CREATE UNIQUE INDEX users_login_idx ON users (lower(login))`);
    await q.query(`CREATE INDEX users_organization_idx ON users (organization_id) WHERE organization_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        absolute_expires_at timestamptz NOT NULL,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX user_sessions_user_idx ON user_sessions (user_id)`);
    await q.query(`CREATE INDEX user_sessions_expiry_idx ON user_sessions (absolute_expires_at)`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
        created_by_user_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX invitations_user_idx ON invitations (user_id)`);
    // One row per login and per client address, keyed by a SHA-256 hash (a mistyped password in the
    // login field must not be stored readable).
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key_hash text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('login', 'address')),
        failures integer NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE api_tokens ADD COLUMN user_id uuid REFERENCES users (id)`);
    await q.query(`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`ALTER TABLE participants ADD COLUMN coordinator_user_id uuid REFERENCES users (id)`);
    await q.query(`CREATE INDEX participants_coordinator_user_idx ON participants (coordinator_user_id)`);
    await q.query(`ALTER TABLE placements ADD COLUMN coordinator_user_id uuid REFERENCES users (id)`);
    await q.query(`CREATE INDEX placements_coordinator_user_state_idx ON placements (coordinator_user_id, state)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN recipient_user_id uuid REFERENCES users (id)`);
    await q.query(`CREATE INDEX notifications_recipient_user_idx ON notifications (recipient_user_id, created_at DESC)`);
    for (const table of ['placement_events', 'checkins', 'consent_events', 'search_logs']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN actor_user_id uuid REFERENCES users (id)`);
    }

    // The audit log also records account events (sign-in, failures, locks, password changes, invitations):
    // these concern a user, not a participant.
    await q.query(
      `ALTER TABLE audit_log ADD COLUMN actor_user_id uuid REFERENCES users (id),
       ADD COLUMN subject_user_id uuid REFERENCES users (id), ADD COLUMN address text`,
    );
    await q.query(`ALTER TABLE audit_log ALTER COLUMN participant_id DROP NOT NULL`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN (
        'read', 'write', 'export', 'erase',
        'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_out', 'password_changed',
        'user_created', 'user_updated', 'user_disabled', 'invitation_issued', 'invitation_accepted', 'reset_issued'))`);
    await q.query(`CREATE INDEX audit_log_subject_user_idx ON audit_log (subject_user_id, at) WHERE subject_user_id IS NOT NULL`);

    // Data mapping: one user per existing token, sharing the token's id (see the class comment).
    await q.query(`
      INSERT INTO users (id, login, display_name, role, organization_id, areas, status, disabled_at, created_at)
      SELECT t.id, 'token-' || t.id::text, left(t.name, 100), t.role, t.organization_id, t.areas,
             CASE WHEN t.revoked_at IS NULL THEN 'invited' ELSE 'disabled' END, t.revoked_at, t.created_at
        FROM api_tokens t`);
    await q.query(`UPDATE api_tokens SET user_id = id`);
    await q.query(`UPDATE participants SET coordinator_user_id = coordinator_id WHERE coordinator_id IS NOT NULL`);
    await q.query(`UPDATE placements SET coordinator_user_id = coordinator_id WHERE coordinator_id IS NOT NULL`);
    await q.query(`UPDATE notifications SET recipient_user_id = recipient_token_id WHERE recipient_token_id IS NOT NULL`);
    // actor_token_id has no foreign key: map only ids that are (still) tokens.
    for (const table of ['placement_events', 'checkins', 'consent_events', 'search_logs']) {
      await q.query(`UPDATE ${table} SET actor_user_id = actor_token_id WHERE actor_token_id IN (SELECT id FROM users)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_subject_user_idx`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_action_check`);
    // Account events stay in the append-only log; the old rule applies to new rows only.
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('read', 'write', 'export', 'erase')) NOT VALID`,
    );
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM audit_log WHERE participant_id IS NULL) THEN
          ALTER TABLE audit_log ALTER COLUMN participant_id SET NOT NULL;
        END IF;
      END $$`);
    await q.query(
      `ALTER TABLE audit_log DROP COLUMN IF EXISTS actor_user_id, DROP COLUMN IF EXISTS subject_user_id, DROP COLUMN IF EXISTS address`,
    );
    for (const table of ['placement_events', 'checkins', 'consent_events', 'search_logs']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS actor_user_id`);
    }
    await q.query(`ALTER TABLE notifications DROP COLUMN IF EXISTS recipient_user_id`);
    await q.query(`ALTER TABLE placements DROP COLUMN IF EXISTS coordinator_user_id`);
    await q.query(`ALTER TABLE participants DROP COLUMN IF EXISTS coordinator_user_id`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN IF EXISTS user_id`);
    for (const table of ['sign_in_throttle', 'invitations', 'user_sessions', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
