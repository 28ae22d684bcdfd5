import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** Puts each field error the API returned under its input; returns whether any field matched. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.fields
    .map((field) => ({ name: field.path.split('.'), errors: [field.message] }))
    .filter((field) => field.name[0] !== undefined && known.has(field.name[0]));
  form.setFields(fields);
  return fields.length > 0;
}
