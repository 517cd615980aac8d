// `npm run user:invite -- --role admin --login you@example.jp [--name 表示名] [--email …] [--organization <id>] [--areas 中央,東部]`
// Creates a user (or, when the login exists, issues a new link for it) and prints a one-time link to set the password.
// With the embedded database, stop the service first (one process at a time uses DATA_DIR).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { ROLES, type Role } from '../auth/api-token.entity';
import { INVITATION_HOURS, invitationUrl } from '../auth/invitation.service';
import { InvitationRepository } from '../auth/invitation.repository';
import { sha256 } from '../auth/session-cookie';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, prepareDatabase } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { UserRepository } from '../auth/user.repository';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      organization: { type: 'string' },
      areas: { type: 'string' },
    },
  });
  const role = values.role as Role;
  const login = values.login?.normalize('NFKC').trim();
  if (!ROLES.includes(role) || !login || /\s/.test(login)) {
    throw new Error(
      `使い方: npm run user:invite -- --role ${ROLES.join('|')} --login <メールアドレスまたはログイン名> [--name 表示名] [--email …] [--organization 受入先id]`,
    );
  }
  if ((role === 'host') !== Boolean(values.organization)) throw new Error('--organization は host にだけ、host では必ず指定してください');
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, { sharedBuffers: '32MB' });
  try {
    const url = config.databaseUrl ?? embedded!.url;
    await prepareDatabase(url);
    const db = new DataSource(dataSourceOptions(url));
    await db.initialize();
    try {
      const users = new UserRepository(db);
      const existing = await users.findForSignIn(login);
      if (existing?.status === 'disabled')
        throw new Error(`利用者「${login}」は無効にされています。管理画面（PATCH /api/v1/users/:id）で有効に戻してください`);
      const user =
        existing ??
        (await users.create({
          login,
          email: values.email ?? null,
          displayName: values.name ?? login,
          role,
          organizationId: values.organization ?? null,
          areas:
            role === 'coordinator' && values.areas
              ? values.areas
                  .split(',')
                  .map((a) => a.trim())
                  .filter(Boolean)
              : null,
        }));
      const secret = randomBytes(32).toString('base64url');
      const purpose = user.status === 'active' ? 'reset' : 'invite';
      await new InvitationRepository(db).create({
        tokenHash: sha256(secret),
        userId: user.id,
        purpose,
        createdByUserId: null,
        expiresAt: new Date(Date.now() + INVITATION_HOURS * 3600_000),
      });
      await new AuditRepository(db).recordAccountEvent({
        action: purpose === 'invite' ? 'invitation_issued' : 'reset_issued',
        userId: null,
        tokenId: null,
        role: 'admin',
        subjectUserId: user.id,
        route: 'npm run user:invite',
        address: null,
      });
      process.stdout.write(
        `${existing ? '既存の利用者' : '利用者を作成しました'}: ${user.displayName}（${user.role}, ログイン ID: ${user.login}）\n` +
          `次のリンクを本人に渡してください（${INVITATION_HOURS} 時間有効、1 回限り）。本人がパスワードを設定するとサインインできます:\n${invitationUrl(config.publicUrl, secret)}\n` +
          `（画面がまだない場合: POST /api/v1/invitations/accept {"token": "<リンクの最後の部分>", "password": "…"}）\n`,
      );
    } finally {
      await db.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`招待できませんでした: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
