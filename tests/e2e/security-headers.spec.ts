import { expect, test } from "@playwright/test";

test("every page is sent with no referrer, no framing, no sniffing and no caching", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-powered-by"]).toBeUndefined();
});
