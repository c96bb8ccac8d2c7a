import { useEffect, useState } from 'react';
import { Box, Typography } from '@mui/material';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';

const carriesFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'));

/** Accepts files dropped anywhere on the window, showing a full-window target (saying where they will go) while they are dragged over it. */
export function DropOverlay({ onFiles, title, hint }: { onFiles(files: File[]): void; title?: string; hint?: string }) {
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them to know when the pointer left the window.
    let depth = 0;
    // A drop zone inside the page (what-if's certificate box) claims a drag by calling preventDefault
    // before the event bubbles here: the overlay then steps aside and leaves the drop to it.
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      if (event.defaultPrevented) return;
      event.preventDefault();
      setVisible(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      if (event.defaultPrevented) {
        setVisible(false);
        return;
      }
      // Without preventDefault the browser would open the file instead of firing drop.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setVisible(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setVisible(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = 0;
      setVisible(false);
      if (event.defaultPrevented) return;
      event.preventDefault();
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length) onFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);

  if (!visible) return null;
  return (
    <Box
      role="status"
      aria-live="assertive"
      sx={{
        position: 'fixed',
        inset: 0,
        // Above MUI dialogs (1300): a drop onto an open dialog still imports.
        zIndex: 2000,
        // The overlay must not become the drag target itself, or enter/leave would flicker.
        pointerEvents: 'none',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: (theme) => (theme.palette.mode === 'dark' ? 'rgba(0,0,0,0.6)' : 'rgba(255,255,255,0.75)'),
        border: 4,
        borderStyle: 'dashed',
        borderColor: 'primary.main',
      }}
    >
      <Box sx={{ textAlign: 'center', color: 'primary.main' }}>
        <FileUploadOutlined sx={{ fontSize: 64 }} />
        <Typography variant="h5">{title ?? 'Drop certificates to import'}</Typography>
        <Typography variant="body2" color="text.secondary">
          {hint ?? 'PEM, DER, Base64, PKCS#7, PKCS#12 and CRL files; many at once'}
        </Typography>
      </Box>
    </Box>
  );
}
