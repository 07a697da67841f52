#!/usr/bin/env node
'use strict';
/**
 * The npm registry reachable here holds only the linux-x64 builds of some
 * platform-specific optional packages (@swc/core-*, @rollup/rollup-*). `npm install`
 * then leaves their lockfile entries out, and `npm ci` refuses the lockfile as out
 * of sync. This adds the missing entries with the os/cpu/libc their names state, so
 * `npm ci` skips them on this platform exactly as it would with a complete lockfile.
 * Run it after `npm install` changes package-lock.json.
 */
const fs = require('fs');
const path = require('path');

const LOCK = path.join(__dirname, '..', 'package-lock.json');
const OS = { darwin: 'darwin', linux: 'linux', win32: 'win32', android: 'android', freebsd: 'freebsd', openbsd: 'openbsd', openharmony: 'openharmony', sunos: 'sunos', netbsd: 'netbsd', aix: 'aix' };
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS[part]);
  const cpu = parts.find((part) => CPU.includes(part)) || (parts.includes('x64') ? 'x64' : null);
  if (!os || !cpu) return null;
  const platform = { os: [OS[os]], cpu: [cpu] };
  if (parts.includes('musl') || parts.includes('musleabihf')) platform.libc = ['musl'];
  else if (os === 'linux' && (parts.includes('gnu') || parts.includes('gnueabihf'))) platform.libc = ['glibc'];
  return platform;
}

const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const added = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
    const nested = `${location}/node_modules/${name}`.replace(/^\//, '');
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[hoisted] = { version, optional: true, ...platform };
    added.push(`${name}@${version}`);
  }
}
if (added.length) {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added.length ? `complete-lockfile: added ${added.length} platform entries` : 'complete-lockfile: nothing to add');
