// Plain CommonJS on purpose: `npm start` runs this before any TypeScript can be loaded.
'use strict'
const { createHash } = require('node:crypto')
const { readFileSync, renameSync, writeFileSync } = require('node:fs')
const { createRequire } = require('node:module')
const { dirname, join } = require('node:path')
const vm = require('node:vm')

/*
 * Written by hand because Node 20 has no cache of compiled code for modules (`module.enableCompileCache`
 * arrives in Node 22.1) and the packages that add one hook every `require` of the process. This runs one
 * file, the proxy's bundle, with the code V8 compiled for it at an earlier start: about a third of a cold
 * start is parsing and compiling the bundle.
 *
 * V8 checks that a cache fits the running V8 and its flags, but not that it was made from the same source
 * text, so a cache is named after the build (the bundle's last line, a hash of its content) and never used
 * for another. Its name also carries the Node version and flags it was made with: a cache V8 refuses is
 * made again, and two ways of starting the same build would otherwise replace each other's at every start.
 */

const BUILD_LINE = /\/\/ build ([0-9a-f]{16})\n?$/

/** True when a cache file's name says it was made for this build (by any Node version or flags). */
function isCodeCacheOf(name, build) {
  return name.startsWith(`code-${build}-`) && name.endsWith('.v8cache')
}

function cacheName(build) {
  const node = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ')
  return `code-${build}-${createHash('sha256').update(node).digest('hex').slice(0, 8)}.v8cache`
}

/**
 * Runs a bundle as `require` would run a CommonJS file, with its code cache when there is one that V8
 * accepts, and returns its exports and `keepCompiledCode()`: called once the program has done its start-up
 * work, it writes a cache holding everything compiled so far, when there was none or V8 refused it. A bundle
 * without a build line runs uncached.
 *
 * The file is a function expression of CommonJS's five module variables (proxy/bundle.cjs writes it so):
 * wrapping a megabyte of source at every start would copy it once more.
 */
function runBundle(file) {
  const source = readFileSync(file, 'utf8')
  const build = BUILD_LINE.exec(source)?.[1]
  const cacheFile = build ? join(dirname(file), cacheName(build)) : null
  const cachedData = cacheFile ? readIfThere(cacheFile) : undefined
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
  })
  const module = { exports: {}, filename: file, id: file, loaded: false }
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
  module.loaded = true
  const usedCache = cachedData !== undefined && script.cachedDataRejected !== true
  return {
    exports: module.exports,
    usedCache,
    keepCompiledCode() {
      if (cacheFile === null || usedCache) return
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`
        writeFileSync(temporary, script.createCachedData())
        renameSync(temporary, cacheFile)
      } catch {
        // a read-only install starts without a cache, a little slower, and is otherwise the same
      }
    },
  }
}

function readIfThere(path) {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}

module.exports = { isCodeCacheOf, runBundle }
