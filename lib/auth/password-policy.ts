// The server's extra rule for new passwords: not one of the most common passwords (a small bundled list),
// and not the e-mail address itself. Length is checked by the zod schema.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { invalid } from "../errors";

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(process.cwd(), "lib/auth/common-passwords.txt");
    common = new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .map((line) => line.trim().toLowerCase())
        .filter(Boolean),
    );
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** Throws INVALID on `field` when the password is too easy to guess. */
export function assertStrongPassword(password: string, options: { email?: string; field?: string } = {}): void {
  const field = options.field ?? "password";
  const lowered = password.trim().toLowerCase();
  if (isCommonPassword(password) || (options.email && lowered === options.email.trim().toLowerCase())) {
    throw invalid("This password is too common; choose another.", { [field]: ["passwordTooCommon"] });
  }
}
