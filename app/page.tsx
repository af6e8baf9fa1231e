import { redirect } from "next/navigation";
import { getCtx } from "@/lib/auth/context";
import { homePathFor } from "@/lib/auth/navigation";

// The start page: the first area the signed-in role may use, or the sign-in page.
export default async function Home() {
  const ctx = await getCtx();
  redirect(ctx ? homePathFor(ctx) : "/login");
}
