import { createContext, useContext } from 'react';
import type { Permission, Role } from '../../../core/permissions/index.ts';

export type WorkspaceScope = {
  workspace: { id: string; name: string; createdAt: number };
  role: Role;
  /** Whether the signed-in member may do this here; hides what the server would refuse. */
  can: (permission: Permission) => boolean;
};

export const WorkspaceContext = createContext<WorkspaceScope | null>(null);

/** The workspace the current page belongs to. Only valid under `/w/:workspaceId`. */
export function useWorkspaceScope(): WorkspaceScope {
  const scope = useContext(WorkspaceContext);
  if (!scope) throw new Error('useWorkspaceScope is used outside a workspace route');
  return scope;
}
