import { readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../lib/cases/create-case";
import { addEvent } from "../../lib/cases/events";
import { getCase } from "../../lib/cases/get-case";
import { resetEnvCache } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { downloadAttachment, uploadAttachment } from "../../lib/files/attachments";
import { storedFilePath } from "../../lib/files/storage";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the upload to be refused");
}

/** A minimal EXIF block with a GPS position (Almaty), as a phone would write it. */
function exifWithGps(): Buffer {
  const entries: Buffer[] = [];
  const le = (n: number, size: 2 | 4) => {
    const b = Buffer.alloc(size);
    if (size === 2) b.writeUInt16LE(n);
    else b.writeUInt32LE(n);
    return b;
  };
  // TIFF header + IFD0 with one entry (GPS IFD pointer) + GPS IFD with latitude/longitude
  const ifd0Offset = 8;
  const gpsOffset = ifd0Offset + 2 + 12 + 4;
  const gpsEntries = 4;
  const dataOffset = gpsOffset + 2 + gpsEntries * 12 + 4;
  const rational = (values: [number, number][]) => Buffer.concat(values.map(([n, d]) => Buffer.concat([le(n, 4), le(d, 4)])));
  const lat = rational([[43, 1], [15, 1], [0, 1]]);
  const lon = rational([[76, 1], [57, 1], [0, 1]]);
  entries.push(Buffer.from("II*\0", "binary"), le(ifd0Offset, 4));
  entries.push(le(1, 2), le(0x8825, 2), le(4, 2), le(1, 4), le(gpsOffset, 4), le(0, 4));
  entries.push(le(gpsEntries, 2));
  entries.push(le(1, 2), le(2, 2), le(2, 4), Buffer.from("N\0\0\0", "binary"));
  entries.push(le(2, 2), le(5, 2), le(3, 4), le(dataOffset, 4));
  entries.push(le(3, 2), le(2, 2), le(2, 4), Buffer.from("E\0\0\0", "binary"));
  entries.push(le(4, 2), le(5, 2), le(3, 4), le(dataOffset + 24, 4));
  entries.push(le(0, 4), lat, lon);
  return Buffer.concat([Buffer.from("Exif\0\0", "binary"), ...entries]);
}

async function jpegWithGps(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  // insert an APP1 (EXIF) segment right after the SOI marker
  const exif = exifWithGps();
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(exif.length + 2, 2);
  return Buffer.concat([plain.subarray(0, 2), header, exif, plain.subarray(2)]);
}

describe("case files", () => {
  let volunteer: TestMember;
  let otherVolunteer: TestMember;
  let coordinator: TestMember;
  let outsider: TestMember;
  let caseId: string;

  beforeAll(async () => {
    process.env.QAMQOR_DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "qamqor-files-"));
    process.env.MAX_UPLOAD_MB = "1";
    resetEnvCache();
    const org = await createOrg("Files group", "FG");
    volunteer = await createMember(org, "VOLUNTEER");
    otherVolunteer = await createMember(org, "VOLUNTEER");
    coordinator = await createMember(org, "COORDINATOR");
    outsider = await createMember(await createOrg("Elsewhere", "EW"), "ADMIN");
    caseId = (await createCase(volunteer, { subject: { person: { names: [{ value: "File subject" }] } } })).id;
  });

  it("stores a testimony encrypted on disk and gives the same bytes back on download", async () => {
    const text = "Testimony: my brother was taken to the camp in Ghulja in March 2018.";
    const meta = await uploadAttachment(volunteer, { caseId, fileName: "testimony.txt", bytes: Buffer.from(text) });
    expect(meta).toMatchObject({ mimeType: "text/plain", fileName: "testimony.txt" });
    const [row] = await ownerQuery<{ storageKey: string; fileNameEnc: string }>(`SELECT "storageKey", "fileNameEnc" FROM attachments WHERE id = $1`, [meta.id]);
    const onDisk = await readFile(storedFilePath(volunteer.organizationId, row!.storageKey));
    expect(onDisk.includes(Buffer.from("Ghulja"))).toBe(false);
    expect(row!.fileNameEnc).not.toContain("testimony");
    const downloaded = await downloadAttachment(coordinator, meta.id);
    expect(downloaded.bytes.toString("utf8")).toBe(text);
    expect((await getCase(volunteer, caseId)).attachments.map((a) => a.fileName)).toContain("testimony.txt");
  });

  it("audits every download", async () => {
    const meta = await uploadAttachment(volunteer, { caseId, fileName: "note.txt", bytes: Buffer.from("plain words") });
    await downloadAttachment(volunteer, meta.id);
    const rows = await ownerQuery(`SELECT 1 FROM audit_events WHERE action = 'attachment.download' AND "entityId" = $1 AND "actorUserId" = $2`, [
      meta.id,
      volunteer.userId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("removes EXIF and GPS from an uploaded photo", async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const meta = await uploadAttachment(volunteer, { caseId, fileName: "photo.jpg", bytes: original });
    const stored = await downloadAttachment(volunteer, meta.id);
    const metadata = await sharp(stored.bytes).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(metadata.exif).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from("Exif"))).toBe(false);
  });

  it("refuses a Windows program renamed to .pdf", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(200, 1)]);
    exe.writeUInt32LE(64, 0x3c);
    const error = await errorOf(uploadAttachment(volunteer, { caseId, fileName: "report.pdf", bytes: exe }));
    expect(error.fieldErrors).toEqual({ file: ["fileTypeNotAllowed"] });
  });

  it("refuses an HTML page called .png, and a text file pretending to be a PDF", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>");
    expect((await errorOf(uploadAttachment(volunteer, { caseId, fileName: "image.png", bytes: html }))).fieldErrors).toEqual({ file: ["fileTypeNotAllowed"] });
    expect((await errorOf(uploadAttachment(volunteer, { caseId, fileName: "page.txt", bytes: html }))).fieldErrors).toEqual({ file: ["fileTypeNotAllowed"] });
    expect((await errorOf(uploadAttachment(volunteer, { caseId, fileName: "doc.pdf", bytes: Buffer.from("hello") }))).fieldErrors).toEqual({ file: ["fileTypeNotAllowed"] });
  });

  it("refuses a file over the size limit, leaving nothing stored", async () => {
    const before = await ownerQuery(`SELECT 1 FROM attachments`);
    const big = Buffer.alloc(1024 * 1024 + 1, 0x41);
    expect((await errorOf(uploadAttachment(volunteer, { caseId, fileName: "big.txt", bytes: big }))).fieldErrors).toEqual({ file: ["fileTooLarge"] });
    expect(await ownerQuery(`SELECT 1 FROM attachments`)).toHaveLength(before.length);
  });

  it("attaches a file to an event of the case", async () => {
    const event = await addEvent(volunteer, caseId, { type: "DETAINED", date: "2018" });
    const meta = await uploadAttachment(volunteer, { caseId, caseEventId: event.id, fileName: "order.txt", bytes: Buffer.from("detention order") });
    const detail = await getCase(volunteer, caseId);
    expect(detail.attachments.find((a) => a.id === meta.id)?.caseEventId).toBe(event.id);
  });

  it("refuses uploads to a case one may not edit, and downloads to another organisation", async () => {
    expect((await errorOf(uploadAttachment(otherVolunteer, { caseId, fileName: "x.txt", bytes: Buffer.from("x") }))).code).toBe("FORBIDDEN");
    expect((await errorOf(uploadAttachment(outsider, { caseId, fileName: "x.txt", bytes: Buffer.from("x") }))).code).toBe("NOT_FOUND");
    const meta = await uploadAttachment(volunteer, { caseId, fileName: "y.txt", bytes: Buffer.from("y") });
    expect((await errorOf(downloadAttachment(outsider, meta.id))).code).toBe("NOT_FOUND");
  });
});
