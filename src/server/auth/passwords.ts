import { readFileSync } from 'node:fs';
import { AppError } from '../../core/errors/index.ts';
import { parsePasswordList, passwordProblem } from '../../core/passwords/index.ts';

let commonPasswords: Set<string> | null = null;

/** The bundled list (scripts/generate-common-passwords.ts), read once on first use. */
function loadCommonPasswords(): Set<string> {
  commonPasswords ??= parsePasswordList(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8'),
  );
  return commonPasswords;
}

/** Refuses a new password that is trivial, common or holds the e-mail's name, naming the field it came in. */
export function checkNewPassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, { email, commonPasswords: loadCommonPasswords() });
  if (problem) throw new AppError(problem, {}, [{ path: field, message: '' }]);
}
