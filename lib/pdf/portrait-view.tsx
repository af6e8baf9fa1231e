// A person's portrait in a PDF (dossier, UN draft) at passport-photo size, its proportions kept.
import { Image } from "@react-pdf/renderer";
import type { PortraitImage } from "@/lib/people/portrait";

export function PortraitView({ portrait }: { portrait: PortraitImage }) {
  const width = 90;
  const height = Math.min(140, Math.round((width * portrait.height) / Math.max(1, portrait.width)));
  // eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt; the page names the person beside it
  return <Image src={{ data: portrait.data, format: portrait.format }} style={{ width, height, objectFit: "contain", marginBottom: 6 }} />;
}
