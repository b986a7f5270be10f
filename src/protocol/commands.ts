// Every command id, in one place: the manifest's commands (checked against package.json by a unit
// test), and the internal ones the language server puts into code actions and hover links.
export const commandIds = {
  showFindings: 'clerkToolkit.showFindings',
  reanalyze: 'clerkToolkit.reanalyze',
  setSecretKey: 'clerkToolkit.setSecretKey',
  useWorkspaceEnvKey: 'clerkToolkit.useWorkspaceEnvKey',
  signOut: 'clerkToolkit.signOut',
  refreshInstance: 'clerkToolkit.refreshInstance',
  openEventExample: 'clerkToolkit.openEventExample',
  copyHandlerCase: 'clerkToolkit.copyHandlerCase',
  sendTestEvent: 'clerkToolkit.sendTestEvent',
  refreshDeliveries: 'clerkToolkit.refreshDeliveries',
  filterDeliveries: 'clerkToolkit.filterDeliveries',
  loadMoreDeliveries: 'clerkToolkit.loadMoreDeliveries',
  openDeliveryPayload: 'clerkToolkit.openDeliveryPayload',
  openAttemptResponse: 'clerkToolkit.openAttemptResponse',
  copyDeliveryPayload: 'clerkToolkit.copyDeliveryPayload',
  resendDelivery: 'clerkToolkit.resendDelivery',
  openClerkDashboard: 'clerkToolkit.openClerkDashboard',
  openSvixPortal: 'clerkToolkit.openSvixPortal',
  createSvixApp: 'clerkToolkit.createSvixApp',
} as const;

/** Commands that are not in the manifest: code actions and hover links of the language server run them. */
export const internalCommandIds = {
  /** Args: [fixId: string]. Copies a fix's clipboard text, fetched from the server by id (it may hold a secret). */
  copyFixText: 'clerkToolkit.diagnostics.copyFixText',
  /** Args: [ruleId: string, folderUri?: string]. Sets `clerkToolkit.rules[ruleId] = "off"`. */
  disableRule: 'clerkToolkit.diagnostics.disableRule',
  /** Args: [projectRoot: string, key: string]. Copies `npx convex env set KEY value` (value read on click). */
  copyConvexEnvSet: 'clerkToolkit.diagnostics.copyConvexEnvSet',
} as const;
