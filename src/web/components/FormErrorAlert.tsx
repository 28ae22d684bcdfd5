import { Alert } from 'antd';
import { ApiError, errorMessage } from '../api/client.ts';

/** The API's (already translated) message above a form, when the last submit failed. */
export function FormErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  // When the server names the field, the message already shows under that input (the field's message may
  // be the detail of the overall one: "公式有误：第 37 个字符…" above "第 37 个字符…").
  if (
    error instanceof ApiError &&
    error.fields.some(
      (field) =>
        field.message === error.message || (field.message !== '' && error.message.includes(field.message)),
    )
  ) {
    return null;
  }
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
