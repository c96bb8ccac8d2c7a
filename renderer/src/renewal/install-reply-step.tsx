import { Alert, Box, Typography } from '@mui/material';
import type { PendingRequest } from '../../../shared/models/key';
import { readFileBase64 } from '../import/read-file-base64';
import { RequestPemView } from '../keys/request-pem-view';
import { FileDropZone } from '../whatif/file-drop-zone';

/** The authority's reply, read and waiting for Install. */
export interface ReplyFile {
  name: string;
  contentBase64: string;
}

interface Props {
  request: PendingRequest;
  reply: ReplyFile | null;
  onReply(reply: ReplyFile): void;
}

/** A file name for the request: the subject's common name, else "renewal". */
function requestFileName(subject: string): string {
  const cn = /(?:^|,\s*)CN=((?:\\.|[^,])+)/.exec(subject)?.[1]?.replace(/\\(.)/g, '$1') ?? 'renewal';
  return `${cn.replace(/[^A-Za-z0-9._-]+/g, '_')}-renewal.csr`;
}

/** Step 4, second half: the request to send elsewhere, and where its reply is dropped when it comes back. */
export function InstallReplyStep({ request, reply, onReply }: Props) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Alert severity="info">
        The request for <strong>{request.subject}</strong> waits as pending. Send it to your certification authority, then install its reply here. You can also close the wizard and come back later: select the request under Pending certificate requests, then Continue Renewal… installs its reply.
      </Alert>
      <RequestPemView pem={request.pem} fileName={requestFileName(request.subject)} />
      <FileDropZone
        label="Certification authority's response"
        hint="Drop the file here or choose it: PEM, DER (.cer), or PKCS#7 (.p7b) with its chain"
        testId="renewal-reply-drop"
        onFiles={([picked]) => {
          if (picked) void readFileBase64(picked).then((contentBase64) => onReply({ name: picked.name, contentBase64 }));
        }}
      >
        {reply && (
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="renewal-reply-file">
            {reply.name}
          </Typography>
        )}
      </FileDropZone>
    </Box>
  );
}
