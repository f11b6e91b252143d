/**
 * The import formats by name: a module of its own, with no imports, so the command line can list them
 * in its help without loading the importers.
 */
export type ImportFormat = "undl-ga" | "undl-sc" | "undl-marc" | "unvotes" | "unsc-vetoes" | "unxml";

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  "undl-ga",
  "undl-sc",
  "undl-marc",
  "unvotes",
  "unsc-vetoes",
  "unxml",
];
