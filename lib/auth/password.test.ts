import { describe, expect, it } from "vitest";
import { hashPassword, oneSlotOf, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed and refuses another", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });

  it("lets hashes through only as many at a time as it allows, the others in their turn, and frees a slot after a failure", async () => {
    const slot = oneSlotOf(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (n: number, fail = false) => async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      order.push(n);
      if (fail) throw new Error(`work ${n} failed`);
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => slot(work(n, n === 2))));
    expect(most).toBe(2);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(order.slice(2).sort()).toEqual([3, 4, 5, 6]);
    expect(await slot(async () => "after")).toBe("after");
  });
});
