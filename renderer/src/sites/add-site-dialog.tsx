import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import type { SiteContent } from '../../../shared/models/site';
import { invoke } from '../api';
import { siteNodeId } from '../connections/connection-nodes';
import { useConsoleActions } from '../state/console-context';
import { useSubmit } from '../util/use-submit';
import { BindingFields } from './binding-fields';
import { bindingProblems, NEW_BINDING, toBinding, type BindingDraft } from './binding-draft';
import { ServerCertificateSelect } from './server-certificate-select';
import { DialogButtons } from '../layout/dialog-buttons';

/** IIS's "Add Website": name, content (a folder or an upstream application), bindings and the SSL certificate. */
export function AddSiteDialog({ onClose }: { onClose(): void }) {
  const { report, selectNode } = useConsoleActions();
  const submit = useSubmit();
  const [name, setName] = useState('');
  const [contentKind, setContentKind] = useState<SiteContent['kind']>('static');
  const [directory, setDirectory] = useState('');
  const [upstream, setUpstream] = useState('');
  const [bindings, setBindings] = useState<BindingDraft[]>([NEW_BINDING]);
  const [certificate, setCertificate] = useState('');
  const [tried, setTried] = useState(false);

  const needsCertificate = bindings.some((b) => b.protocol === 'https');
  const problems = {
    name: name.trim() ? undefined : 'A site needs a name',
    content: contentKind === 'static' ? (directory.trim() ? undefined : 'The folder the site serves') : URL.canParse(upstream.trim()) && /^https?:/i.test(upstream.trim()) ? undefined : 'An http:// or https:// URL',
    certificate: needsCertificate && !certificate ? 'An https binding needs a server certificate' : undefined,
    bindings: bindings.some((b) => Object.keys(bindingProblems(b)).length > 0),
  };
  const shown = (text: string | undefined) => (tried ? text : undefined);

  const save = async () => {
    setTried(true);
    if (problems.name || problems.content || problems.certificate || problems.bindings) return;
    const content: SiteContent = contentKind === 'static' ? { kind: 'static', directory: directory.trim() } : { kind: 'upstream', url: upstream.trim() };
    const ok = await submit.run(async () => {
      const site = await invoke('sites.add', {
        name: name.trim(),
        bindings: bindings.map(toBinding),
        serverCertificateSha256: needsCertificate ? certificate : null,
        content,
      });
      report(`Added site ${site.name}`, 'success');
      selectNode(siteNodeId(site.id));
    });
    if (ok) onClose();
  };

  return (
    <Dialog open onClose={submit.busy ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="add-site-title">
      <DialogTitle id="add-site-title">Add Site</DialogTitle>
      <DialogContent dividers>
        <Box
          component="form"
          id="add-site-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <TextField label="Site name" value={name} onChange={(event) => setName(event.target.value)} required autoFocus error={Boolean(shown(problems.name))} helperText={shown(problems.name)} />
          <Box>
            <Typography id="add-site-content" variant="subtitle2" component="h3">
              Content
            </Typography>
            <RadioGroup row aria-labelledby="add-site-content" value={contentKind} onChange={(event) => setContentKind(event.target.value as SiteContent['kind'])}>
              <FormControlLabel value="static" control={<Radio size="small" />} label="Static files from a folder (physical path)" />
              <FormControlLabel value="upstream" control={<Radio size="small" />} label="Upstream application (reverse proxy)" />
            </RadioGroup>
            {contentKind === 'static' ? (
              <TextField
                fullWidth
                label="Physical path"
                value={directory}
                onChange={(event) => setDirectory(event.target.value)}
                placeholder="/var/www/site"
                error={Boolean(shown(problems.content))}
                helperText={shown(problems.content) ?? 'A folder on the machine running CertMapper'}
                slotProps={{ htmlInput: { spellCheck: false } }}
              />
            ) : (
              <TextField
                fullWidth
                label="Upstream URL"
                value={upstream}
                onChange={(event) => setUpstream(event.target.value)}
                placeholder="http://127.0.0.1:3000"
                error={Boolean(shown(problems.content))}
                helperText={shown(problems.content) ?? 'Requests are forwarded here with the identity headers (incoming copies are removed)'}
                slotProps={{ htmlInput: { spellCheck: false } }}
              />
            )}
          </Box>
          <Box>
            <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
              Bindings
            </Typography>
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
              {bindings.map((binding, index) => (
                <BindingFields
                  key={index}
                  index={index}
                  draft={binding}
                  showProblems={tried}
                  canRemove={bindings.length > 1}
                  onChange={(next) => setBindings((list) => list.map((b, i) => (i === index ? next : b)))}
                  onRemove={() => setBindings((list) => list.filter((_, i) => i !== index))}
                />
              ))}
            </Box>
            <Button startIcon={<Add />} onClick={() => setBindings((list) => [...list, { ...NEW_BINDING, port: '' }])} disabled={bindings.length >= 64}>
              Add binding
            </Button>
          </Box>
          {needsCertificate && <ServerCertificateSelect value={certificate} onChange={setCertificate} required error={shown(problems.certificate)} />}
          {submit.error && <Alert severity="error">{submit.error}</Alert>}
        </Box>
      </DialogContent>
      <DialogButtons busy={submit.busy} onCancel={onClose} label="OK" form="add-site-form" />
    </Dialog>
  );
}
