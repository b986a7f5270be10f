import type { Project, Workspace } from './types';

/** What the status bar says about a project. */
export interface ProjectSummary {
  root: string;
  /** The installed (or lowest allowed) `next` version, e.g. `16.0.3`. */
  nextVersion?: string;
  /** Major version of `@clerk/nextjs`. */
  clerkMajor?: number;
  hasConvex: boolean;
}

/** The project the file belongs to (deepest root), else the first project found. */
export function summarizeProject(workspace: Workspace, file: string | undefined): ProjectSummary | undefined {
  const containing = file
    ? workspace.projects.filter((project) => file.startsWith(`${project.root}/`)).sort((a, b) => b.root.length - a.root.length)[0]
    : undefined;
  const project: Project | undefined = containing ?? workspace.projects[0];
  if (!project) return undefined;
  const versions = { ...project.convexDirs[0]?.versions, ...project.nextApp?.versions };
  const clerk = versions['@clerk/nextjs'];
  return {
    root: project.root,
    nextVersion: versions.next,
    clerkMajor: clerk === undefined ? undefined : Number.parseInt(clerk, 10),
    hasConvex: project.convexDirs.length > 0,
  };
}
