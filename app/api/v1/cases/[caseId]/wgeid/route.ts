import { unDraftRoute } from "../../_un-draft";

// GET /api/v1/cases/{caseId}/wgeid — the WGEID submission draft (DOCX or PDF); 409/422 list what is missing
export const GET = unDraftRoute("WGEID");
