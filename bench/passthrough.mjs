#!/usr/bin/env node
// Node pass-through baseline for the bench: stdin piped to stdout, nothing else.
// The floor for any Node stream transform (veil-stream included) on this machine.
process.stdin.pipe(process.stdout);
