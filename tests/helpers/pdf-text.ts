// Reads a generated PDF back as text, so reports are checked by what a reader would see in them.
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string }> {
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(document, { mergePages: false });
  const pages = Array.isArray(text) ? text : [text];
  return { pages, text: pages.join("\n") };
}
