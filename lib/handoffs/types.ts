// Shapes of the hand-offs API (types only, the UI imports them).
export interface HandoffDraftData {
  from: string;
  to: string;
  team: string | null;
  escalationContact: string | null;
  services: { id: string; name: string; environment: string; team: string | null; status: string }[];
  openIncidents: { id: string; number: number; title: string; severity: string; status: string; commander: string | null; declaredAt: string }[];
  deploys: { id: string; at: string; service: string; environment: string; version: string; kind: string; actor: string; description: string | null }[];
  openAlerts: { id: string; service: string; environment: string; level: string; message: string; openedAt: string }[];
  resolvedIncidents: { id: string; number: number; title: string; severity: string; resolvedAt: string }[];
}

export interface HandoffDraftOut extends HandoffDraftData {
  title: string;
  body: string;
}

export interface HandoffOut {
  id: string;
  title: string;
  from: string;
  to: string;
  team: string | null;
  escalationContact: string | null;
  body: string;
  author: string;
  createdAt: string;
}
