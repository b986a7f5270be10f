import * as assert from 'node:assert/strict';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { ToolkitService } from '../../../src/core/service';

// The env key hover's "Read in" list comes from per-file facts the session keeps per content: after
// an edit it lists the edited file's reads as they are now, and the other files' as before.

const files = {
  '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0' } }),
  '/ws/.env.local': 'CLERK_SECRET_KEY=sk_test_one\n',
  '/ws/app/api/a/route.ts': 'export function GET() {\n  return Response.json(process.env.CLERK_SECRET_KEY?.length);\n}\n',
  '/ws/app/api/b/route.ts': 'export function GET() {\n  return Response.json(null);\n}\n',
};

const readIn = (service: ToolkitService): string => {
  const markdown = service.hover('/ws/.env.local', { line: 0, character: 3 })?.markdown ?? '';
  return [...markdown.matchAll(/\(file:\/\/\/ws\/(app\/[^)#]+)#L(\d+)\)/g)].map((match) => `${match[1]}:${match[2]}`).join(' ');
};

describe('service: env key hover reads per-file facts', () => {
  it('"Read in" follows edits of the reading files', () => {
    const service = new ToolkitService({ folders: [{ root: '/ws', settings: {} }], host: createMemoryHost(files), trusted: true });
    assert.equal(readIn(service), 'app/api/a/route.ts:2');
    service.changeDocument('/ws/app/api/b/route.ts', 'export function GET() {\n  // moved\n  return Response.json(process.env.CLERK_SECRET_KEY);\n}\n');
    assert.equal(readIn(service), 'app/api/a/route.ts:2 app/api/b/route.ts:3');
    service.changeDocument('/ws/app/api/a/route.ts', 'export function GET() {\n  return null;\n}\n');
    assert.equal(readIn(service), 'app/api/b/route.ts:3');
  });
});
