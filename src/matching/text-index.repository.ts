import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../common/sql';
import { writePostings, type LexicalTokens } from '../resources/resource.repository';
import type { ResourceTextFields } from '../resources/resource-text';

export interface OutdatedResource extends ResourceTextFields {
  id: string;
  contentHash: string;
}

/** Rows indexed under older text rules (text_rules below the current version), keyset-paginated by id. */
@Injectable()
export class TextIndexRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  outdatedResources(version: number, afterId: string | null, limit: number): Promise<OutdatedResource[]> {
    return this.dataSource.query(
      `SELECT id, type, title, description, tasks, accommodations, demand_talking AS "demandTalking", demand_physical AS "demandPhysical",
              demand_literacy AS "demandLiteracy", reward, content_hash AS "contentHash"
         FROM resources WHERE text_rules < $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [version, afterId, limit],
    );
  }

  /**
   * Writes the new index; a changed hash marks the embedding pending. Guarded by the hash read, so an edit
   * made meanwhile (already indexed under the current rules) is not overwritten. Returns whether it wrote.
   */
  async saveResource(id: string, readHash: string, hash: string, tokens: LexicalTokens, version: number): Promise<boolean> {
    // The postings follow the tokens in the same transaction (a search never sees one without the other).
    return this.dataSource.transaction(async (manager) => {
      const rows = await updateReturning(
        manager,
        `UPDATE resources SET search_tokens = setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $5), 'B'),
                search_text = $6, text_rules = $7, content_hash = $3, concepts = $8,
                embedding_status = CASE WHEN $3 = $2 THEN embedding_status ELSE 'pending' END,
                embedding_error = CASE WHEN $3 = $2 THEN embedding_error ELSE NULL END
          WHERE id = $1 AND content_hash = $2 AND text_rules < $7 RETURNING id`,
        [id, readHash, hash, tokens.title.join(' '), tokens.body.join(' '), tokens.text, version, tokens.concepts],
      );
      if (rows.length) await writePostings(manager, id, tokens.postings);
      return rows.length > 0;
    });
  }

  outdatedParticipants(
    version: number,
    afterId: string | null,
    limit: number,
  ): Promise<Array<{ id: string; needs: string; strengths: string | null; needsHash: string }>> {
    return this.dataSource.query(
      `SELECT id, needs, strengths, needs_hash AS "needsHash" FROM participants
        WHERE text_rules < $1 AND erased_at IS NULL AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [version, afterId, limit],
    );
  }

  async saveParticipant(id: string, readHash: string, hash: string, version: number): Promise<boolean> {
    const rows = await updateReturning(
      this.dataSource,
      `UPDATE participants SET needs_hash = $3, text_rules = $4,
              embedding_status = CASE WHEN $3 = $2 THEN embedding_status ELSE 'pending' END
        WHERE id = $1 AND needs_hash = $2 AND text_rules < $4 RETURNING id`,
      [id, readHash, hash, version],
    );
    return rows.length > 0;
  }

  /** Erased participants keep no text: nothing to re-index. */
  async markErasedParticipants(version: number): Promise<void> {
    await this.dataSource.query(`UPDATE participants SET text_rules = $1 WHERE text_rules < $1 AND erased_at IS NOT NULL`, [version]);
  }

  outdatedOrganizations(version: number, afterId: string | null, limit: number): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query(
      `SELECT id, name FROM organizations WHERE text_rules < $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [version, afterId, limit],
    );
  }

  async saveOrganization(id: string, name: string, searchName: string, version: number): Promise<void> {
    await this.dataSource.query(`UPDATE organizations SET search_name = $3, text_rules = $4 WHERE id = $1 AND name = $2`, [
      id,
      name,
      searchName,
      version,
    ]);
  }
}
