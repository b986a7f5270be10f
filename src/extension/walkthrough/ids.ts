/** The walkthrough's id as `workbench.action.openWalkthrough` takes it: `publisher.name#id`. */
export const walkthroughId = 'clerk-auth-toolkit.clerk-auth-toolkit#firstRun';

/** Commands the walkthrough's steps link to or complete on (package.json `completionEvents`). */
export const walkthroughCommands = {
  showProblem: 'clerkToolkit.walkthrough.showProblem',
  fixProblem: 'clerkToolkit.walkthrough.fixProblem',
  trySnippet: 'clerkToolkit.walkthrough.trySnippet',
  createCiWorkflow: 'clerkToolkit.walkthrough.createCiWorkflow',
  /** Run by every snippet completion after it is inserted (not in the palette). */
  snippetInserted: 'clerkToolkit.walkthrough.snippetInserted',
} as const;

/** Context key the "apply a quick fix" step completes on. */
export const problemFixedContextKey = 'clerkToolkit.walkthrough.problemFixed';
