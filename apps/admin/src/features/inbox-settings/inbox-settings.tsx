"use client";

import { AgentsPanel } from "./agents-panel.tsx";
import { CannedRepliesPanel } from "./canned-replies-panel.tsx";
import { SupportSettingsForm } from "./support-settings-form.tsx";

/**
 * The inbox's settings page: response targets, assignment and the support address (editable with
 * organization.manage, read-only otherwise), the team's canned replies (every agent curates them),
 * and the agents with their availability (your own; anyone's with team.manage).
 */
export function InboxSettings({
  organizationId,
  myUserId,
  canManageSettings,
  canManageTeam,
}: {
  organizationId: string;
  myUserId: string;
  canManageSettings: boolean;
  canManageTeam: boolean;
}) {
  return (
    <div className="stack">
      <SupportSettingsForm organizationId={organizationId} canManage={canManageSettings} />
      <CannedRepliesPanel organizationId={organizationId} />
      <AgentsPanel organizationId={organizationId} myUserId={myUserId} canManageTeam={canManageTeam} />
    </div>
  );
}
