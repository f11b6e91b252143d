/**
 * SVG to PNG on the server, for the share cards: resvg (Rust, prebuilt for each platform in
 * @resvg/resvg-js, no install script) renders on libuv's thread pool (`renderAsync`), off the event
 * loop. Text needs a font file: Inter (regular and bold, SIL Open Font License), shipped as TTF in the
 * npm package @expo-google-fonts/inter — never a system path, which a clean machine may lack; system
 * fonts are not loaded at all, so a card looks the same on every machine.
 */
import { createRequire } from "node:module";
import type { ResvgRenderOptions } from "@resvg/resvg-js";

/** The family every standalone drawing names first (the fallbacks matter only to browsers). */
export const CARD_FONT = "Inter";

let options: ResvgRenderOptions | null = null;

/** The renderer's options: the two font files, no system fonts, Inter as every generic family. */
export function renderOptions(): ResvgRenderOptions {
  if (options) return options;
  const require = createRequire(import.meta.url);
  options = {
    font: {
      loadSystemFonts: false,
      fontFiles: [
        require.resolve("@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf"),
        require.resolve("@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf"),
      ],
      defaultFontFamily: CARD_FONT,
      sansSerifFamily: CARD_FONT,
      serifFamily: CARD_FONT,
      monospaceFamily: CARD_FONT,
    },
    fitTo: { mode: "original" },
    background: "#ffffff",
    logLevel: "off",
  };
  return options;
}

/** Renders an SVG document (with xmlns) to PNG bytes at its own size. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, renderOptions());
  return image.asPng();
}

/** Width and height from a PNG's header (IHDR), or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
