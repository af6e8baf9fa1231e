// Outgoing e-mail, only when SMTP_URL is configured; otherwise callers show the link to copy.
import "server-only";
import nodemailer from "nodemailer";
import { getEnv } from "../env";

export function mailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
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
