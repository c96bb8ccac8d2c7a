import { IconButton, List, ListItem, ListItemText, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';

/** Rows shown before "and N more": thousands of dropped files need no thousands of DOM nodes here. */
const SHOWN = 200;

/** Human-readable size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The files about to be imported, each removable before the import starts. */
export function PendingFilesList({ files, onRemove }: { files: readonly File[]; onRemove(index: number): void }) {
  return (
    <List dense aria-label="Files to import" sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      {files.slice(0, SHOWN).map((file, index) => (
        <ListItem
          key={`${index}-${file.name}`}
          secondaryAction={
            <IconButton edge="end" size="small" aria-label={`Remove ${file.name}`} onClick={() => onRemove(index)}>
              <CloseIcon fontSize="small" />
            </IconButton>
          }
        >
          <ListItemText primary={file.name || 'unnamed'} secondary={formatBytes(file.size)} />
        </ListItem>
      ))}
      {files.length > SHOWN && (
        <ListItem>
          <Typography variant="body2" color="text.secondary">
            … and {(files.length - SHOWN).toLocaleString()} more
          </Typography>
        </ListItem>
      )}
    </List>
  );
}
