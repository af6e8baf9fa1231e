// Signing in through the login page, as a person does, and waiting until the app has taken over.
import type { Page } from "@playwright/test";
import { E2E_PASSWORD } from "./seed";

export async function signIn(page: Page, email: string, password: string = E2E_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
