import * as assert from 'node:assert/strict';
import { clerkProxySamplePath, nextMatcherRunsOn, recommendedMatcherEntries, routePatternMatches } from '../../../src/core/analysis/middlewareMatcher';

const runsOn = (pathname: string): boolean => recommendedMatcherEntries.some((entry) => nextMatcherRunsOn(entry, pathname) === true);

describe('middleware matcher evaluation (path-to-regexp as Next.js and Clerk compile it)', () => {
  it("runs Clerk's recommended matcher on pages, API routes and the Frontend API proxy, not on static files", () => {
    assert.equal(runsOn('/dashboard'), true);
    assert.equal(runsOn('/api/webhooks/clerk'), true);
    assert.equal(runsOn('/data.json'), true);
    assert.equal(runsOn(clerkProxySamplePath), true);
    assert.equal(runsOn('/logo.png'), false);
    assert.equal(runsOn('/_next/static/chunk.js'), false);
  });

  it('applies the _next/data and .json wrappers Next adds to every entry', () => {
    assert.equal(nextMatcherRunsOn('/dashboard/:path*', '/dashboard'), true);
    assert.equal(nextMatcherRunsOn('/dashboard/:path*', '/dashboard.json'), true);
    assert.equal(nextMatcherRunsOn('/dashboard/:path*', '/dashboardxyz'), false);
    assert.equal(nextMatcherRunsOn('/(', '/'), undefined);
  });

  it('matches createRouteMatcher patterns the way Clerk does', () => {
    assert.equal(routePatternMatches('/api/webhooks(.*)', '/api/webhooks/clerk'), true);
    assert.equal(routePatternMatches('/api/webhooks/:path*', '/api/webhooks'), true);
    assert.equal(routePatternMatches('/dashboard(.*)', '/dashboardxyz'), true);
    assert.equal(routePatternMatches('/sign-in(.*)', '/api/webhooks'), false);
  });
});
