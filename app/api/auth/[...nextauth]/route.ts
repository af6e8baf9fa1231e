// next-auth's routes: sign-in (password, authenticator code, single sign-on), sign-out, CSRF token and
// the provider list. The options are built per request (client address, HTTPS); see lib/auth/auth-options.ts.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { getEnv } from "@/lib/env";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  // next-auth builds its own addresses (redirects, the provider's callback) from NEXTAUTH_URL.
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl && !process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = publicUrl;
  return NextAuth(request, context, authOptions(request));
}

export { handler as GET, handler as POST };
