/**
 * Colour-vision deficiency simulation for checking palettes (issue 14, item 7): Machado, Oliveira and
 * Fernandes (2009), severity 1 — protanopia, deuteranopia, tritanopia — on linear sRGB, and the CIE76
 * colour difference (ΔE*ab, D65) between what a reader with that vision would see.
 */
export type Vision = "normal" | "protanopia" | "deuteranopia" | "tritanopia";
export const VISIONS: readonly Vision[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const MACHADO: Record<Exclude<Vision, "normal">, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** "#rrggbb" or "rgb(r, g, b)" → [r, g, b] in 0–255. */
export function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(colour.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${colour}`);
}

const toLinear = (c: number): number => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

/** The colour as seen with `vision`, in linear sRGB (0–1, clamped). */
function seen(colour: string, vision: Vision): [number, number, number] {
  const lin = parseColour(colour).map(toLinear) as [number, number, number];
  if (vision === "normal") return lin;
  const m = MACHADO[vision];
  return m.map((row) => Math.min(1, Math.max(0, row[0]! * lin[0] + row[1]! * lin[1] + row[2]! * lin[2]))) as [
    number,
    number,
    number,
  ];
}

function lab([r, g, b]: [number, number, number]): [number, number, number] {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 ΔE between two colours as a reader with `vision` sees them. */
export function visibleDifference(a: string, b: string, vision: Vision = "normal"): number {
  const [l1, a1, b1] = lab(seen(a, vision));
  const [l2, a2, b2] = lab(seen(b, vision));
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** The least difference between any two of `colours`, over every vision, with the pair and vision. */
export function leastDifference(colours: Readonly<Record<string, string>>): {
  difference: number;
  pair: [string, string];
  vision: Vision;
} {
  const keys = Object.keys(colours);
  let least = { difference: Infinity, pair: ["", ""] as [string, string], vision: "normal" as Vision };
  for (const vision of VISIONS)
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        const difference = visibleDifference(colours[keys[i]!]!, colours[keys[j]!]!, vision);
        if (difference < least.difference) least = { difference, pair: [keys[i]!, keys[j]!], vision };
      }
  return least;
}
