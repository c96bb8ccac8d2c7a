#!/usr/bin/env node
// Linked as `certmapper` by npm; the real CLI is the bundled app/dist/cli/certmapper.js.
import '../dist/cli/certmapper.js';
