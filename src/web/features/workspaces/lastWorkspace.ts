const STORAGE_KEY = 'opsplan.workspace';

/** The workspace this browser opened last, so `/` comes back to it. */
export function rememberWorkspace(workspaceId: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, workspaceId);
  } catch {
    // Without storage `/` opens the first workspace instead.
  }
}

export function lastWorkspaceId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
