// Outgoing e-mail, only when SMTP_URL is configured; otherwise callers show the link to copy.
import "server-only";
import nodemailer from "nodemailer";
import { getEnv } from "../env";

export function mailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/**
 * Whether links that must reach only the addressee (a password reset) can be e-mailed: mail is set up,
 * and PUBLIC_URL names the app's address, so the link never depends on a request's Host header.
 */
export function emailedLinksAvailable(): boolean {
  const env = getEnv();
  return Boolean(env.SMTP_URL && env.PUBLIC_URL);
}

/** Sends a plain-text message. Returns false (never throws) when mail is off or the server refuses. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const env = getEnv();
  if (!env.SMTP_URL) return false;
  try {
    const transport = nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM ?? "qamqor@localhost", ...message });
    return true;
  } catch (error) {
    console.error("Sending mail failed:", error instanceof Error ? error.message : "unknown error");
    return false;
  }
}
