/**
 * A page that takes dropped files for itself while it is shown (the one-to-one mappings maps a dropped
 * certificate, what-if evaluates it); elsewhere a drop imports into the stores.
 */
export interface DropClaim {
  /** The overlay's title while files are dragged over the window, e.g. "Drop a certificate to map it". */
  title: string;
  hint: string;
  onFiles(files: File[]): void;
}
