import { useState } from 'react';
import { Alert, Box, Dialog, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import type { Site } from '../../../shared/models/site';
import { invoke } from '../api';
import { folderNodeId } from '../connections/connection-nodes';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { DialogButtons } from '../layout/dialog-buttons';

/** The folder path as the service stores it (no trailing slash), or why it cannot be one. */
export function normalizeFolderPath(text: string): { path: string } | { problem: string } {
  const trimmed = text.trim();
  // The field starts as "/": untouched (or emptied), it names no folder yet.
  if (trimmed === '' || trimmed === '/') return { problem: "Type the folder's path after the /, such as /admin" };
  if (!trimmed.startsWith('/')) return { problem: 'A folder is a URL path starting with /, such as /admin' };
  if (/[?#]/.test(trimmed)) return { problem: 'A path has no ? or #' };
  const path = trimmed.replace(/\/+$/, '');
  if (!path) return { problem: '/ is the site itself: use its SSL Settings' };
  return { path };
}

/** Add a folder (a URL path) whose settings can then differ from the site's; it inherits everything until changed. */
export function AddFolderDialog({ site, parentPath, onClose }: { site: Site; parentPath: string | null; onClose(): void }) {
  const { report, selectNode } = useConsoleActions();
  const submit = useSubmit();
  const [text, setText] = useState(parentPath ? `${parentPath}/` : '/');
  const [tried, setTried] = useState(false);
  const parsed = normalizeFolderPath(text);
  const exists = 'path' in parsed && site.folders.some((f) => f.path.toLowerCase() === parsed.path.toLowerCase());
  const problem = 'problem' in parsed ? parsed.problem : exists ? `${parsed.path} already exists on this site` : undefined;

  const save = async () => {
    setTried(true);
    if (problem || !('path' in parsed)) return;
    const ok = await submit.run(async () => {
      // An empty change creates the folder with nothing of its own: every setting still comes from the site.
      await invoke('sites.setSecurity', { site: site.id, path: parsed.path, security: {} });
      report(`Added folder ${parsed.path} to ${site.name}`, 'success');
      selectNode(folderNodeId(site.id, parsed.path));
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="add-folder-title">
      <DialogTitle id="add-folder-title">Add Folder</DialogTitle>
      <DialogContent>
        <Box
          component="form"
          id="add-folder-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <DialogContentText sx={{ mb: 2 }}>
            A folder of <strong>{site.name}</strong> inherits every setting from the site until you change it in its SSL Settings or Authorization Rules.
          </DialogContentText>
          <TextField
            fullWidth
            autoFocus
            label="Path"
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={tried && Boolean(problem)}
            helperText={(tried && problem) || 'Covers the path and everything below it, case-insensitive (/admin covers /Admin/x, not /administrator)'}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
        </Box>
        {submit.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {submit.error}
          </Alert>
        )}
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="OK" form="add-folder-form" />
    </Dialog>
  );
}
