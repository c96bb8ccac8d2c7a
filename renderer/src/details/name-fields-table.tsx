import { Tooltip } from '@mui/material';
import type { NameField } from '../../../shared/ipc';
import { FieldTable } from './field-table';

/** A distinguished name attribute by attribute, in certificate order (CN, OU, O, ... with the OID on hover). */
export function NameFieldsTable({ fields, label }: { fields: NameField[]; label: string }) {
  return (
    <FieldTable
      label={label}
      headers={['Type', 'Value']}
      rows={fields.map((f) => ({
        field: (
          <Tooltip title={f.oid}>
            <span>{f.type}</span>
          </Tooltip>
        ),
        value: f.value,
      }))}
    />
  );
}
