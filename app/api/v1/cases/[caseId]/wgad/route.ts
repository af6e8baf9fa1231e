import { unDraftRoute } from "../../_un-draft";

// GET /api/v1/cases/{caseId}/wgad — the WGAD submission draft (DOCX or PDF); 409/422 list what is missing
export const GET = unDraftRoute("WGAD");
