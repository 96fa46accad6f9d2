"use client";

import { createContext, useContext } from "react";
import { roleCan, type Permission, type Role } from "@/lib/auth/roles";

/** The signed-in person as the browser may know them (no session id). */
export interface ClientViewer {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const ViewerContext = createContext<ClientViewer | null>(null);

/** Set once by the root layout from the server's session check. */
export function ViewerProvider({ viewer, children }: { viewer: ClientViewer | null; children: React.ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ClientViewer | null {
  return useContext(ViewerContext);
}

/** Whether to show a control. Only hides: the server refuses regardless (lib/auth/roles.ts). */
export function useCan(permission: Permission): boolean {
  const viewer = useViewer();
  return viewer !== null && roleCan(viewer.role, permission);
}
