import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Box, Button, Typography } from '@mui/material';
import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';

interface Props {
  label: string;
  hint: string;
  multiple?: boolean;
  testId: string;
  children?: ReactNode;
  onFiles(files: File[]): void;
}

/** A labelled target for dropped files with a "Choose…" button; drops here do not reach the window's import or claim. */
export function FileDropZone({ label, hint, multiple, testId, children, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const carries = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <Box
      role="group"
      aria-label={label}
      data-testid={testId}
      // preventDefault claims the drag: the window's drop overlay sees it and steps aside (drop-overlay.tsx).
      onDragEnter={(event) => carries(event) && event.preventDefault()}
      onDragOver={(event) => {
        if (!carries(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        if (!carries(event)) return;
        event.preventDefault();
        setOver(false);
        const files = Array.from(event.dataTransfer.files);
        if (files.length) onFiles(files);
      }}
      sx={{ border: 2, borderStyle: 'dashed', borderColor: over ? 'primary.main' : 'divider', borderRadius: 1, p: 1.5, bgcolor: over ? 'action.hover' : 'background.paper' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="subtitle2">{label}</Typography>
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        </Box>
        <Button variant="outlined" startIcon={<FileOpenOutlined />} onClick={() => input.current?.click()}>
          Choose…
        </Button>
      </Box>
      {children}
      <input
        ref={input}
        type="file"
        hidden
        multiple={multiple}
        aria-label={label}
        data-testid={`${testId}-input`}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </Box>
  );
}
