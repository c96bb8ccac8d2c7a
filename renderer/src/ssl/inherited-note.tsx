import { Typography } from '@mui/material';
import { describeSource, type SettingSource } from './effective-security';

/** Beside a folder's setting: where its value comes from, or that it is changed and not applied yet. */
export function InheritedNote({ source, changed, id }: { source: SettingSource; changed: boolean; id: string }) {
  const text = changed ? 'Changed: not applied yet' : source.kind === 'own' ? 'Set on this folder' : `Inherited from ${describeSource(source)}`;
  return (
    <Typography id={id} variant="caption" data-inherited={source.kind !== 'own' && !changed} sx={{ color: changed ? 'warning.main' : source.kind === 'own' ? 'text.primary' : 'text.secondary', fontStyle: source.kind === 'own' || changed ? 'normal' : 'italic' }}>
      {text}
    </Typography>
  );
}
