import { apiHandler } from "@/lib/api/route";
import { findUnSubmissionReminders } from "@/lib/un-submissions/find-un-submission-reminders";

// GET /api/v1/un-submissions/reminders — government replies still to answer, nearest deadline first
export const GET = apiHandler(async ({ ctx }) => ({ items: await findUnSubmissionReminders(ctx) }), { permission: "unSubmissions.manage" });
