import { Alert } from 'antd';
import { ApiError, errorMessage } from '../api/client.ts';

/** The API's (already translated) message above a form, when the last submit failed. */
export function FormErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  // When the server names the field, the message already shows under that input.
  if (error instanceof ApiError && error.fields.some((field) => field.message === error.message)) return null;
  return (
    <Alert
      data-testid="form-error"
      type="error"
      showIcon
      title={errorMessage(error)}
      style={{ marginBottom: 16 }}
    />
  );
}
