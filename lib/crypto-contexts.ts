// Context strings that bind each encrypted column to its record (the AAD of lib/crypto.ts).
// Services and seed scripts both use these, so a value written by one decrypts in the other.
// Convention: `<entity>.<field>:<id>`.

export const personContactContext = (personId: string) => `person.contact:${personId}`;
export const personNotesContext = (personId: string) => `person.notes:${personId}`;
export const caseSummaryContext = (caseId: string) => `case.summary:${caseId}`;
export const caseConsentNotesContext = (caseId: string) => `case.consentNotes:${caseId}`;
export const eventDescriptionContext = (eventId: string) => `event.description:${eventId}`;
export const noteBodyContext = (noteId: string) => `note.body:${noteId}`;
export const protestDescriptionContext = (protestId: string) => `protest.description:${protestId}`;
export const policeDescriptionContext = (policeActionId: string) => `police.description:${policeActionId}`;
export const advocacyDescriptionContext = (advocacyActionId: string) => `advocacy.description:${advocacyActionId}`;
export const advocacyResponseContext = (advocacyActionId: string) => `advocacy.response:${advocacyActionId}`;
export const taskDescriptionContext = (taskId: string) => `task.description:${taskId}`;
export const sourceDescriptionContext = (sourceId: string) => `source.description:${sourceId}`;
export const attachmentFileNameContext = (attachmentId: string) => `attachment.fileName:${attachmentId}`;
export const userTotpSecretContext = (userId: string) => `user.totpSecret:${userId}`;
export const personDocumentNumberContext = (documentId: string) => `person_document.number:${documentId}`;
export const personDocumentNoteContext = (documentId: string) => `person_document.note:${documentId}`;
export const unSubmissionReasonsContext = (submissionId: string) => `unSubmission.arbitraryReasons:${submissionId}`;
export const unSubmissionCommentsContext = (submissionId: string) => `unSubmission.comments:${submissionId}`;
export const unReplySummaryContext = (replyId: string) => `unReply.summary:${replyId}`;
/** A finished report job's file in file storage (lib/files/storage). */
export const jobFileContext = (jobId: string) => `job.file:${jobId}`;
