import { apiHandler, uploadedFile } from "@/lib/api/route";
import { getPortrait, removePortrait, setPortrait } from "@/lib/people/portrait";

type Params = { personId: string };

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
export const PUT = apiHandler<Params>(
  async ({ request, ctx, params }) => {
    const { file } = await uploadedFile(request);
    return setPortrait(ctx, params.personId, { fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  },
  { permission: "people.write", upload: true },
);

// DELETE /api/v1/people/{personId}/portrait — remove the person's portrait
export const DELETE = apiHandler<Params>(
  async ({ ctx, params }) => {
    await removePortrait(ctx, params.personId);
  },
  { permission: "people.write" },
);
