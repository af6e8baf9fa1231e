// The caller's own account and API tokens, and the gazetteer of places shared by every organisation.
import { z } from "zod";
import { createApiTokenSchema } from "@/lib/validations/members";
import { json, ok, refused, type ApiArea } from "./registry";

export const accountApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/me",
      operationId: "getMe",
      access: "member",
      summary: "Who the caller is acting as",
      responses: {
        "200": json("The caller's user, organisation and role", {
          type: "object",
          required: ["userId", "organizationId", "role"],
          properties: {
            userId: { type: "string", format: "uuid" },
            organizationId: { type: "string", format: "uuid" },
            role: { type: "string", enum: ["ADMIN", "COORDINATOR", "VOLUNTEER", "ANALYST"] },
          },
        }),
      },
    },
    {
      method: "get",
      path: "/tokens",
      operationId: "listTokens",
      access: "tokens.manage",
      summary: "The organisation's active API tokens, never the tokens themselves (tokens.manage: admins)",
      responses: {
        "200": json("Active tokens, newest first", {
          type: "object",
          properties: {
            tokens: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string", format: "uuid" },
                  name: { type: "string" },
                  userName: { type: "string" },
                  createdAt: { type: "string", format: "date-time" },
                  lastUsedAt: { type: ["string", "null"], format: "date-time" },
                  expiresAt: { type: ["string", "null"], format: "date-time" },
                },
              },
            },
          },
        }),
        "403": refused("Not an admin"),
      },
    },
    {
      method: "post",
      path: "/tokens",
      operationId: "createToken",
      access: "tokens.manage",
      summary: "Issue a token for the caller; the answer is the only time it is shown (tokens.manage: admins)",
      description: "An Idempotency-Key is not honoured here, because the token is never kept to be answered again.",
      body: { schema: createApiTokenSchema },
      // the new token is shown once and never kept, so no idempotent replay
      idempotency: false,
      responses: {
        "201": json("The new token", { type: "object", properties: { id: { type: "string", format: "uuid" }, token: { type: "string" } } }),
        "403": refused("Not an admin"),
        "422": refused("Invalid input, per field"),
      },
    },
    {
      method: "delete",
      path: "/tokens/{tokenId}",
      operationId: "revokeToken",
      access: "tokens.manage",
      summary: "Revoke a token (tokens.manage: admins)",
      responses: {
        "204": ok("Revoked"),
        "403": refused("Not an admin"),
        "404": refused("No such token in this organisation"),
      },
    },
    {
      method: "get",
      path: "/places",
      operationId: "listPlaces",
      access: "member",
      summary: "Gazetteer places whose name in any language contains `q`",
      // the service reads the query with this rule (lib/places/find-places.ts)
      query: z.object({ q: z.string().trim().max(100, "tooLong").optional() }),
      responses: {
        "200": ok("Places"),
      },
    },
  ],
};
