import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { projectRoot } from '../common/project-root';
import type { CreateOrganizationDto } from '../organizations/dto/organization.dto';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { CreateResourceDto } from '../resources/dto/resource.dto';
import { ResourceService } from '../resources/resource.service';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData || !this.config.runsApi) return;
    if ((await this.organizations.countAll()) > 0) return;
    await this.load();
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
