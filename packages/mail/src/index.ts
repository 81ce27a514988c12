import nodemailer from "nodemailer";
import { mailEnv } from "./env";

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export function mailConfigured(): boolean {
  return !!mailEnv().SMTP_URL;
}

/** Sends over the configured SMTP server; returns false (and sends nothing) when SMTP is not configured. */
export async function sendMail(message: MailMessage): Promise<boolean> {
  const env = mailEnv();
  if (!env.SMTP_URL) return false;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.SMTP_FROM, ...message });
    return true;
  } finally {
    transport.close();
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
