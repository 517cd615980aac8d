import { MigrationInterface, QueryRunner } from 'typeorm';

/** Catalogue (organisations, resources with their embeddings), API tokens, search log. */
export class Catalogue1764000000000 implements MigrationInterface {
  name = 'Catalogue1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS vector`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL,
        area text,
        contact jsonb NOT NULL DEFAULT '{}'::jsonb,
        notes text,
        development_status text NOT NULL DEFAULT 'accepting'
          CHECK (development_status IN ('developing', 'accepting', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organizations_created_at_idx ON organizations (created_at)`);
    await q.query(`
      CREATE TABLE resources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
        type text NOT NULL CHECK (type IN ('ibasho', 'work_experience', 'volunteer', 'housing_support', 'other')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        tasks text[] NOT NULL DEFAULT '{}',
        area text NOT NULL,
        address text,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        nearest_station text,
        access_minutes integer CHECK (access_minutes >= 0),
        schedule jsonb NOT NULL DEFAULT '[]'::jsonb,
        schedule_days text[] NOT NULL DEFAULT '{}',
        frequency_note text,
        capacity integer NOT NULL CHECK (capacity >= 0),
        vacancies integer NOT NULL CHECK (vacancies >= 0),
        accommodations text[] NOT NULL DEFAULT '{}',
        demand_talking text NOT NULL DEFAULT 'medium' CHECK (demand_talking IN ('low', 'medium', 'high')),
        demand_physical text NOT NULL DEFAULT 'medium' CHECK (demand_physical IN ('low', 'medium', 'high')),
        demand_literacy text NOT NULL DEFAULT 'medium' CHECK (demand_literacy IN ('low', 'medium', 'high')),
        reward text NOT NULL DEFAULT 'unpaid' CHECK (reward IN ('unpaid', 'honorarium', 'paid')),
        accepts_outside_eligibility boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
        search_tokens tsvector NOT NULL DEFAULT ''::tsvector,
        content_hash text NOT NULL DEFAULT '',
        embedding vector(384),
        embedding_model text,
        embedding_status text NOT NULL DEFAULT 'pending' CHECK (embedding_status IN ('pending', 'ready', 'failed')),
        embedding_error text,
        embedded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resources_vacancies_within_capacity CHECK (vacancies <= capacity)
      )`);
    await q.query(`CREATE INDEX resources_organization_idx ON resources (organization_id)`);
    await q.query(`CREATE INDEX resources_status_type_area_idx ON resources (status, type, area)`);
    await q.query(`CREATE INDEX resources_schedule_days_idx ON resources USING gin (schedule_days)`);
    await q.query(`CREATE INDEX resources_search_tokens_idx ON resources USING gin (search_tokens)`);
    await q.query(
      `CREATE INDEX resources_embedding_idx ON resources USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
    );
    await q.query(`CREATE INDEX resources_embedding_pending_idx ON resources (embedding_status) WHERE embedding_status <> 'ready'`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'host', 'viewer')),
        organization_id uuid REFERENCES organizations (id) ON DELETE RESTRICT,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_tokens_host_has_organization CHECK ((role = 'host') = (organization_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE search_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        actor_token_id uuid,
        actor_role text NOT NULL,
        participant_id uuid,
        filters jsonb NOT NULL DEFAULT '{}'::jsonb,
        result_ids uuid[] NOT NULL DEFAULT '{}',
        best_score double precision,
        unmet boolean NOT NULL,
        model text NOT NULL
      )`);
    await q.query(`CREATE INDEX search_logs_created_at_idx ON search_logs (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS search_logs`);
    await q.query(`DROP TABLE IF EXISTS api_tokens`);
    await q.query(`DROP TABLE IF EXISTS resources`);
    await q.query(`DROP TABLE IF EXISTS organizations`);
  }
}
