import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** Puts each field error the API returned under its input; returns whether any field matched. */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  renamePath: (path: string) => string = (path) => path,
): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.fields
    // `keyResults.0.target` → ['keyResults', 0, 'target']: list indexes must be numbers to match Form.List.
    .map((field) => ({
      name: renamePath(field.path)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [field.message],
    }))
    .filter((field) => typeof field.name[0] === 'string' && known.has(field.name[0]));
  form.setFields(fields);
  return fields.length > 0;
}
