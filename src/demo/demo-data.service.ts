import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password';
import { AppConfig } from '../config/app-config';
import { UserRepository } from '../auth/user.repository';
import { projectRoot } from '../common/project-root';
import type { CreateOrganizationDto } from '../organizations/dto/organization.dto';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { CreateResourceDto } from '../resources/dto/resource.dto';
import { ResourceService } from '../resources/resource.service';

export interface DemoSignIn {
  role: 'admin' | 'coordinator' | 'host' | 'viewer';
  login: string;
  password: string;
  displayName: string;
}

/** The demo host user belongs to this organisation of the demo catalogue. */
const DEMO_HOST_ORGANIZATION = 'o-midorinoki';

interface DemoCatalogue {
  town: string;
  organizations: Array<CreateOrganizationDto & { key: string }>;
  resources: Array<Omit<CreateResourceDto, 'organizationId'> & { organization: string }>;
}

/**
 * Loads the demo catalogue of the fictional みどり市 into an empty database, so a new
 * user can search at once. Off with DEMO_DATA=false (always off in production use).
 */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly organizations: OrganizationRepository,
    private readonly resources: ResourceService,
    private readonly users: UserRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData || !this.config.runsApi) return;
    if ((await this.organizations.countAll()) === 0) await this.load();
    if ((await this.users.countAll()) === 0) await this.loadUsers();
  }

  private get signInsFile(): string {
    return path.join(this.config.dataDir, 'demo-sign-ins.json');
  }

  /**
   * One demo user per role, with random passwords (never fixed ones: a demo left running on a network
   * must not open with a published password). They are kept in DATA_DIR/demo-sign-ins.json (mode 600)
   * so that every start can print them again. Only into a database without any user.
   */
  async loadUsers(): Promise<DemoSignIn[]> {
    const file = path.join(projectRoot(), 'src', 'demo', 'demo-catalogue.json');
    const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCatalogue;
    const hostOrganization = catalogue.organizations.find((o) => o.key === DEMO_HOST_ORGANIZATION) ?? catalogue.organizations[0];
    const organizationId = await this.users.organizationIdByName(hostOrganization.name);
    const people: Array<{ role: DemoSignIn['role']; login: string; displayName: string; organizationId?: string | null }> = [
      { role: 'admin', login: 'demo-admin', displayName: 'デモ 管理者' },
      { role: 'coordinator', login: 'demo-coordinator', displayName: 'デモ コーディネーター' },
      { role: 'host', login: 'demo-host', displayName: `デモ 受入先職員（${hostOrganization.name}）`, organizationId },
      { role: 'viewer', login: 'demo-viewer', displayName: 'デモ 閲覧者（市役所）' },
    ];
    const signIns: DemoSignIn[] = [];
    for (const person of people) {
      if (person.role === 'host' && !organizationId) continue;
      const password = randomBytes(12).toString('base64url');
      const user = await this.users.create({
        login: person.login,
        email: null,
        displayName: person.displayName,
        role: person.role,
        organizationId: person.organizationId ?? null,
        areas: null,
        // The demo host's staff member manages the organisation's own staff accounts.
        organizationAdmin: person.role === 'host',
      });
      await this.users.setPassword(user.id, await hashPassword(password));
      signIns.push({ role: person.role, login: person.login, password, displayName: person.displayName });
    }
    fs.mkdirSync(this.config.dataDir, { recursive: true });
    fs.writeFileSync(this.signInsFile, JSON.stringify(signIns, null, 2) + '\n', { mode: 0o600 });
    this.logger.log({ users: signIns.length }, `デモ用の利用者 ${signIns.length} 人を作成しました（サインインは起動時に表示します）`);
    return signIns;
  }

  /** The demo sign-ins to print at start (DEMO_DATA=true only), or null. */
  demoSignIns(): DemoSignIn[] | null {
    if (!this.config.demoData || !this.config.runsApi || !fs.existsSync(this.signInsFile)) return null;
    return JSON.parse(fs.readFileSync(this.signInsFile, 'utf8')) as DemoSignIn[];
  }

  /** True when nobody can administer the service yet: no active admin user and no ADMIN_TOKEN. */
  async needsFirstAdmin(): Promise<boolean> {
    return !this.config.adminToken && (await this.users.countActive('admin')) === 0;
  }

  async load(): Promise<void> {
    const file = path.join(projectRoot(), 'src', 'demo', 'demo-catalogue.json');
    const catalogue = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCatalogue;
    const ids = new Map<string, string>();
    for (const { key, ...organization } of catalogue.organizations) {
      ids.set(key, (await this.organizations.create(organization)).id);
    }
    const dtos = catalogue.resources.map(
      ({ organization, ...resource }) => ({ ...resource, organizationId: ids.get(organization)! }) as CreateResourceDto,
    );
    await this.resources.importMany(dtos, (done, total) => {
      if (done % 20 === 0 || done === total) this.logger.log({ done, total }, `デモデータ読み込み中 ${done}/${total}`);
    });
    this.logger.log(
      { town: catalogue.town, organizations: ids.size, resources: dtos.length },
      `デモデータ（${catalogue.town}：受入先 ${ids.size} 団体、資源 ${dtos.length} 件）を読み込みました。DEMO_DATA=false で無効にできます`,
    );
  }
}
