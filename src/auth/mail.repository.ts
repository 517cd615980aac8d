import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

/** Outgoing e-mail (only when SMTP_URL is set). */
@Injectable()
export class MailRepository implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  async send(message: { to: string; subject: string; text: string }): Promise<void> {
    this.transport ??= createTransport(this.config.smtpUrl!);
    await this.transport.sendMail({ from: this.config.mailFrom, ...message });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
