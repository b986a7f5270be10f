#!/usr/bin/env node
// The bundle lives in dist/ next to the analysis thread it starts; it carries no shebang of its own.
require('../dist/cli.js');
