import { useEffect, useRef } from 'react';
import type { DropClaim } from './drop-claim';
import { useImport } from './import-context';

/** While the calling page is mounted, files dropped anywhere on the window go to it instead of the import. */
export function useDropClaim(title: string, hint: string, onFiles: (files: File[]) => void): void {
  const { claimDrops } = useImport();
  // The handler changes with the page's state; the claim stays registered once and calls the latest.
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    const claim: DropClaim = { title, hint, onFiles: (files) => latest.current(files) };
    return claimDrops(claim);
  }, [claimDrops, title, hint]);
}
