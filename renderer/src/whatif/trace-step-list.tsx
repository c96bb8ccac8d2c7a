import { List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import CheckCircle from '@mui/icons-material/CheckCircle';
import Cancel from '@mui/icons-material/Cancel';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import type { TraceStep } from '../../../shared/models/decision';

const ICONS: Record<TraceStep['result'], { icon: typeof CheckCircle; color: 'success' | 'error' | 'disabled' | 'info'; label: string }> = {
  pass: { icon: CheckCircle, color: 'success', label: 'passed' },
  fail: { icon: Cancel, color: 'error', label: 'failed' },
  skip: { icon: RemoveCircleOutline, color: 'disabled', label: 'skipped' },
  info: { icon: InfoOutlined, color: 'info', label: 'information' },
};

/** The decision's steps in order, each with a pass / fail / skip / info icon and its detail. */
export function TraceStepList({ trace }: { trace: readonly TraceStep[] }) {
  return (
    <List dense aria-label="Decision trace" data-testid="whatif-trace">
      {trace.map((step, index) => {
        const { icon: Icon, color, label } = ICONS[step.result];
        return (
          <ListItem key={index} data-step={step.step} data-result={step.result} alignItems="flex-start" divider sx={{ bgcolor: step.result === 'fail' ? 'action.hover' : undefined }}>
            <ListItemIcon sx={{ minWidth: 32, mt: 0.5 }}>
              <Icon color={color} fontSize="small" titleAccess={label} />
            </ListItemIcon>
            <ListItemText
              primary={step.step}
              secondary={step.detail}
              slotProps={{ primary: { sx: { fontWeight: 600 } }, secondary: { sx: { wordBreak: 'break-word' } } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
