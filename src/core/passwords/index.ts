/** Why a new password is refused; each is an error code with its message in both languages. */
export type PasswordProblem = 'password_too_simple' | 'password_too_common' | 'password_contains_email';

// Runs people type without thinking: digits, letters, keyboard rows and columns, forwards and backwards.
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
];

/** Whether the password is nothing but spaces, one character repeated, a short unit repeated, or a run. */
export function isTrivialPassword(password: string): boolean {
  const text = password.toLowerCase();
  if (text.trim() === '') return true;
  for (let unit = 1; unit <= 4 && unit * 2 <= text.length; unit += 1) {
    const head = text.slice(0, unit);
    if (head.repeat(Math.ceil(text.length / unit)).slice(0, text.length) === text) return true;
  }
  return RUNS.some((run) => run.includes(text) || [...run].reverse().join('').includes(text));
}

/** The words of a common-password list: one a line, `#` starts a comment, compared in lower case. */
export function parsePasswordList(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line && !line.startsWith('#')) words.add(line.toLowerCase());
  }
  return words;
}

/** The first reason to refuse `password` for the account of `email`, or null when it may be used. */
export function passwordProblem(
  password: string,
  context: { email: string; commonPasswords: ReadonlySet<string> },
): PasswordProblem | null {
  if (isTrivialPassword(password)) return 'password_too_simple';
  const text = password.toLowerCase();
  if (context.commonPasswords.has(text) || context.commonPasswords.has(text.trim()))
    return 'password_too_common';
  // Separators do not hide the name: "li.na" is found in "Lina2026". Very short local parts ("li@…")
  // would refuse too much; three characters and up name the person.
  const withoutSeparators = (value: string) => value.replace(/[._+\-\s]/g, '');
  const local = withoutSeparators(context.email.toLowerCase().split('@')[0] ?? '');
  if (local.length >= 3 && withoutSeparators(text).includes(local)) return 'password_contains_email';
  return null;
}
