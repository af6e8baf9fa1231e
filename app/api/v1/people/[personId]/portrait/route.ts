import { apiHandler } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getPortrait, removePortrait, setPortrait } from "@/lib/people/portrait";

type Params = { personId: string };

const MULTIPART_OVERHEAD = 64 * 1024;

// GET /api/v1/people/{personId}/portrait — the person's portrait image (audited), for those who may see their contact details
export const GET = apiHandler<Params>(
  async ({ ctx, params }) => {
    const portrait = await getPortrait(ctx, params.personId);
    return new Response(new Uint8Array(portrait.bytes), {
      status: 200,
      headers: {
        "Content-Type": portrait.mimeType,
        "Content-Length": String(portrait.bytes.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  },
  { permission: "people.read" },
);

// PUT /api/v1/people/{personId}/portrait — make an image (multipart field "file") the person's portrait
export async function PUT(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const handler = apiHandler<Params>(
    async ({ request: limited, ctx, params }) => {
      let form: FormData;
      try {
        form = await limited.formData();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError("INVALID", "Send the image as multipart/form-data in the field \"file\".", { fieldErrors: { file: ["required"] } });
      }
      const file = form.get("file");
      if (!(file instanceof File)) throw new AppError("INVALID", "Send the image in the field \"file\".", { fieldErrors: { file: ["required"] } });
      return setPortrait(ctx, params.personId, { fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    },
    { permission: "people.write", maxBodyBytes: getEnv().MAX_UPLOAD_MB * 1024 * 1024 + MULTIPART_OVERHEAD },
  );
  return handler(request, context);
}

// DELETE /api/v1/people/{personId}/portrait — remove the person's portrait
export const DELETE = apiHandler<Params>(
  async ({ ctx, params }) => {
    await removePortrait(ctx, params.personId);
  },
  { permission: "people.write" },
);
