import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

/** What a Marketplace user sees of package.json: palette entries, settings, links. */
interface Manifest {
  bugs?: { url?: string };
  homepage?: string;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string; scope?: string }> };
    menus: { commandPalette: { command: string; when: string }[] };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const localised = /^%[\w.]+%$/;

describe('package.json for the Marketplace', () => {
  it('every command has a localised title and a category', () => {
    for (const { command, title, category } of manifest.contributes.commands) {
      assert.match(title, localised, command);
      assert.ok(category, `${command} has no category`);
    }
  });

  it('hides commands that need a tree item (or a missing webhooks app) from the Command Palette', () => {
    const when = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
    for (const command of [
      'clerkToolkit.openEventExample',
      'clerkToolkit.copyHandlerCase',
      'clerkToolkit.loadMoreDeliveries',
      'clerkToolkit.openDeliveryPayload',
      'clerkToolkit.openAttemptResponse',
      'clerkToolkit.copyDeliveryPayload',
      'clerkToolkit.resendDelivery',
    ]) {
      assert.equal(when.get(command), 'false', command);
    }
    assert.equal(when.get('clerkToolkit.createSvixApp'), 'clerkToolkit.hasSecretKey && clerkToolkit.svixAppMissing');
  });

  it('every setting has a localised description, under a localised title', () => {
    const { title, properties } = manifest.contributes.configuration;
    assert.match(title, localised);
    for (const [name, property] of Object.entries(properties)) {
      assert.match(property.description ?? property.markdownDescription ?? '', localised, name);
    }
  });

  it('settings that receive a secret can only be set per machine', () => {
    for (const name of ['clerkToolkit.clerkApiUrl', 'clerkToolkit.svixServerUrl']) {
      assert.equal(manifest.contributes.configuration.properties[name].scope, 'machine', name);
    }
  });

  it('links the issue tracker and the homepage', () => {
    assert.match(manifest.bugs?.url ?? '', /^https:\/\/github\.com\/.+\/issues$/);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
  });
});
