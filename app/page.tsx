import { redirect } from "next/navigation";
import { getSessionAnyStage, pathForStage } from "@/lib/auth/context";
import { homePathFor } from "@/lib/auth/navigation";

// The start page: the first area the signed-in role may use, the sign-in step still owed, or the sign-in page.
export default async function Home() {
  const session = await getSessionAnyStage();
  redirect(pathForStage(session) ?? (session ? homePathFor(session.ctx) : "/login"));
}
